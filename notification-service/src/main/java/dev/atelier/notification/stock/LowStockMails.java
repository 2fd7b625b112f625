package dev.atelier.notification.stock;

import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.notification.template.Branding;
import dev.atelier.notification.template.Mail;
import java.util.HashMap;
import java.util.Map;

/** The staff alert for a SKU that fell to its reorder point. */
final class LowStockMails {

    static final String LOW_STOCK = "low-stock";

    private LowStockMails() {
    }

    static Mail of(LowStockDetected low, Branding brand) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("sku", low.sku());
        variables.put("available", low.available());
        variables.put("onHand", low.onHand());
        variables.put("reserved", low.reserved());
        variables.put("reorderPoint", low.reorderPoint());
        variables.put("reorderQuantity", low.reorderQuantity());
        variables.put("stockUrl", brand.link("/admin/inventory/skus/" + low.sku()));
        return new Mail(LOW_STOCK, "Low stock: " + low.sku() + " has " + low.available() + " left",
                "At or below its reorder point of " + low.reorderPoint() + ": order " + low.reorderQuantity() + " more.",
                variables, null);
    }
}
