package dev.atelier.notification.stock;

import static dev.atelier.notification.template.TestTemplates.branding;
import static dev.atelier.notification.template.TestTemplates.renderAndSave;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.notification.template.RenderedMail;
import org.junit.jupiter.api.Test;

/** The staff alert, rendered from a sample and saved under target/. */
class LowStockTemplateTest {

    @Test
    void alertGivesTheFiguresAndTheSuggestedOrder() {
        RenderedMail mail = renderAndSave(LowStockMails.of(new LowStockDetected("MUG-XMAS-001", 12, 4, 8, 10, 48),
                branding()), "low-stock");

        assertThat(mail.subject()).isEqualTo("Low stock: MUG-XMAS-001 has 8 left");
        assertThat(mail.text()).contains("Available: 8", "On hand: 12", "Reserved for orders: 4", "Reorder point: 10",
                "Suggested order: 48", "https://shop.atelier.example/admin/inventory/skus/MUG-XMAS-001");
    }
}
