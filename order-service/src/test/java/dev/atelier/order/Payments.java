package dev.atelier.order;

import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.testing.EventProbe;
import dev.atelier.testing.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Inventory and payment played by their events, taking an order to PAID the way they would. */
public final class Payments {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Payments() {
    }

    /** Reserves the order's stock, opens a session and pays it; returns once OrderConfirmed is published. */
    public static UUID paid(Shopper.Placed placed, long amount) {
        try (EventPublisher others = EventPublisher.toSharedBroker();
                EventProbe orderEvents = EventProbe.on(Topics.ORDER_ORDER)) {
            others.publish(new StockReserved(placed.orderId(), List.of(new StockLine("MUG-XMAS-001", 2)),
                    Instant.now().plusSeconds(1200)));
            orderEvents.awaitEvent(PaymentRequested.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
            UUID paymentId = UUID.randomUUID();
            others.publish(new PaymentSessionCreated(placed.orderId(), paymentId, "sandbox", "cs_" + paymentId,
                    "http://localhost:8085/pay/sandbox/cs_" + paymentId, Instant.now().plusSeconds(1800)));
            others.publish(new PaymentSucceeded(placed.orderId(), paymentId, "sandbox", Money.gbp(amount),
                    Instant.now()));
            orderEvents.awaitEvent(OrderConfirmed.class, e -> e.orderId().equals(placed.orderId()), DEADLINE);
            return paymentId;
        }
    }
}
