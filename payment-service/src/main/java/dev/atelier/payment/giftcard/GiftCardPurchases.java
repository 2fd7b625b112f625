package dev.atelier.payment.giftcard;

import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.payment.GiftCardIssued;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gift cards bought as a product: when an order is confirmed (paid), every unit of each line whose SKU is a gift
 * card's ({@code atelier.payment.gift-cards.product-sku-prefix}) becomes a card worth the line's unit price, and
 * GiftCardIssued carries its code to notification, which mails it to the buyer. Idempotent per order, line and unit:
 * a repeated OrderConfirmed issues and announces nothing new. Codes are never logged, only their last four.
 */
@Component
class GiftCardPurchases {

    private static final Logger log = LoggerFactory.getLogger(GiftCardPurchases.class);

    private final GiftCards giftCards;
    private final GiftCardProperties properties;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    GiftCardPurchases(GiftCards giftCards, GiftCardProperties properties, Outbox outbox) {
        this.giftCards = giftCards;
        this.properties = properties;
        this.outbox = outbox;
    }

    @EventHandler
    void on(OrderConfirmed confirmed) {
        Instant now = clock.instant();
        for (OrderLine line : confirmed.lines()) {
            if (!properties.isGiftCardSku(line.sku())) {
                continue;
            }
            if (line.unitPrice().minor() <= 0 || line.quantity() <= 0) {
                log.error("ALERT: order {} line {} is a gift card of {} x {}: not issued", confirmed.orderNumber(),
                        line.lineId(), line.quantity(), line.unitPrice());
                continue;
            }
            for (int unit = 1; unit <= line.quantity(); unit++) {
                int number = unit;
                giftCards.issueBought(confirmed.orderId(), line.lineId(), unit, line.unitPrice(),
                        now.plus(properties.boughtValidity()), confirmed.customerEmail(), confirmed.customerId())
                        .ifPresent(card -> {
                            outbox.record(new GiftCardIssued(confirmed.orderId(), confirmed.orderNumber(), card.id(),
                                    line.lineId(), number, card.code(), card.last4(), card.balance(),
                                    confirmed.customerEmail(), line.name(), card.expiresAt(), now));
                            log.info("Gift card …{} of {} issued for order {} (line {}, unit {})", card.last4(),
                                    card.balance(), confirmed.orderNumber(), line.lineId(), number);
                        });
            }
        }
    }
}
