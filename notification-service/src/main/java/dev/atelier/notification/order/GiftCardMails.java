package dev.atelier.notification.order;

import dev.atelier.events.order.OrderLine;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.notification.template.Branding;
import dev.atelier.notification.template.Formats;
import dev.atelier.notification.template.Mail;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Composes the e-mail that delivers a gift card bought as a product to its buyer: the code, the amount, the expiry,
 * and what the buyer wrote on the card (the order line's personalisation, e.g. who it is for and a message), so that
 * they can forward or print it. The code is a bearer secret: it goes into the e-mail and nowhere else (no log line).
 */
final class GiftCardMails {

    static final String GIFT_CARD = "gift-card";

    private GiftCardMails() {
    }

    /**
     * @param line the order line the card was bought on, from the read model; null when OrderPlaced was not seen
     */
    static Mail issued(GiftCardIssued card, @Nullable OrderLine line, Branding brand) {
        String amount = Formats.money(card.amount());
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderNumber", card.orderNumber());
        variables.put("amount", amount);
        variables.put("code", card.code());
        variables.put("productName", card.productName() != null ? card.productName() : brand.storeName() + " gift card");
        variables.put("expiresOn", card.expiresAt() == null ? null : Formats.day(card.expiresAt()));
        variables.put("personalisation", line == null ? null
                : Formats.personalisation(line.personalisation(), line.personalisationLabels()));
        variables.put("cardOf", line != null && line.quantity() > 1 ? "Card " + card.unit() + " of " + line.quantity()
                : null);
        variables.put("shopUrl", brand.link("/"));
        return new Mail(GIFT_CARD, "Your " + brand.storeName() + " gift card for " + amount,
                "Here is the code of your " + amount + " gift card (ends " + card.last4() + ").", variables, null);
    }
}
