package dev.atelier.events;

import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One realistic instance of every contract, all telling the story of one order, from which a missing JSON sample
 * is generated: a new event needs its record, its catalog entry and a fixture here.
 */
final class EventSamples {

    static final UUID ORDER_ID = UUID.fromString("3f1c9a52-7b4e-4d2a-9c61-0e8d5b7a4f13");
    static final UUID CUSTOMER_ID = UUID.fromString("a8d2e6f4-1c3b-4e5a-8f7d-2b9c0e1a3d56");
    static final UUID PAYMENT_ID = UUID.fromString("c4e7b1d9-5a2f-4c8e-b3d6-7f0a9e2c1b48");
    static final String ORDER_NUMBER = "AT-2025-000142";
    static final String EMAIL = "hannah.price@example.co.uk";
    static final Instant PLACED_AT = Instant.parse("2025-12-01T09:15:30Z");

    private static final Map<Class<? extends DomainEvent>, Supplier<DomainEvent>> BY_TYPE = Map.ofEntries(
            Map.entry(OrderPlaced.class, EventSamples::orderPlacedByARegisteredShopperWithTwoLines),
            Map.entry(PaymentRequested.class, EventSamples::paymentRequestedByCard),
            Map.entry(OrderConfirmed.class, EventSamples::orderConfirmedAfterPayment),
            Map.entry(OrderCancelled.class, EventSamples::orderCancelledAfterPaymentTimeout),
            Map.entry(StockReserved.class, EventSamples::stockReservedForBothLines),
            Map.entry(StockRejected.class, EventSamples::stockRejectedForOneMugShort),
            Map.entry(StockReleased.class, EventSamples::stockReleasedAfterCancellation),
            Map.entry(StockCommitted.class, EventSamples::stockCommittedAfterPayment),
            Map.entry(StockLevelChanged.class, EventSamples::mugStockLevelAfterReservation),
            Map.entry(LowStockDetected.class, EventSamples::mugStockLowAfterReservation),
            Map.entry(PaymentSessionCreated.class, EventSamples::stripeSessionOpened),
            Map.entry(PaymentSucceeded.class, EventSamples::stripePaymentSucceeded),
            Map.entry(PaymentFailed.class, EventSamples::stripeCardDeclined),
            Map.entry(PaymentRefunded.class, EventSamples::oneMugRefundedAsDamaged),
            Map.entry(CustomerVerificationRequested.class, EventSamples::hannahAskedToVerifyHerEmail),
            Map.entry(CustomerRegistered.class, EventSamples::hannahRegistered),
            Map.entry(PasswordResetRequested.class, EventSamples::hannahForgotHerPassword));

    private EventSamples() {
    }

    static Optional<DomainEvent> of(Class<? extends DomainEvent> type) {
        return Optional.ofNullable(BY_TYPE.get(type)).map(Supplier::get);
    }

    static OrderPlaced orderPlacedByARegisteredShopperWithTwoLines() {
        return new OrderPlaced(ORDER_ID, ORDER_NUMBER, "WEB", EMAIL, CUSTOMER_ID, twoLines(), Money.gbp(3048),
                PLACED_AT);
    }

    static PaymentRequested paymentRequestedByCard() {
        return new PaymentRequested(ORDER_ID, ORDER_NUMBER, Money.gbp(3048), "card", EMAIL, PLACED_AT.plusSeconds(2));
    }

    static OrderConfirmed orderConfirmedAfterPayment() {
        return new OrderConfirmed(ORDER_ID, ORDER_NUMBER, "WEB", EMAIL, twoLines(), Money.gbp(3048),
                PLACED_AT.plus(Duration.ofMinutes(3)));
    }

    static OrderCancelled orderCancelledAfterPaymentTimeout() {
        return new OrderCancelled(ORDER_ID, ORDER_NUMBER, "PAYMENT_TIMEOUT", PLACED_AT.plus(Duration.ofMinutes(30)));
    }

    static StockReserved stockReservedForBothLines() {
        return new StockReserved(ORDER_ID, twoStockLines(), PLACED_AT.plus(Duration.ofMinutes(30)));
    }

    static StockRejected stockRejectedForOneMugShort() {
        return new StockRejected(ORDER_ID, List.of(new RejectedLine("MUG-XMAS-001", 2, 1)));
    }

    static StockReleased stockReleasedAfterCancellation() {
        return new StockReleased(ORDER_ID, "CANCELLED", twoStockLines());
    }

    static StockCommitted stockCommittedAfterPayment() {
        return new StockCommitted(ORDER_ID, twoStockLines());
    }

    static LowStockDetected mugStockLowAfterReservation() {
        return new LowStockDetected("MUG-XMAS-001", 12, 4, 8, 10, 48);
    }

    static StockLevelChanged mugStockLevelAfterReservation() {
        return new StockLevelChanged("MUG-XMAS-001", 40, 6, 34);
    }

    static PaymentSessionCreated stripeSessionOpened() {
        return new PaymentSessionCreated(ORDER_ID, PAYMENT_ID, "stripe", "cs_test_a1B2c3D4e5F6g7H8",
                "https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8", PLACED_AT.plus(Duration.ofMinutes(30)));
    }

    static PaymentSucceeded stripePaymentSucceeded() {
        return new PaymentSucceeded(ORDER_ID, PAYMENT_ID, "stripe", Money.gbp(3048), PLACED_AT.plus(Duration.ofMinutes(3)));
    }

    static PaymentFailed stripeCardDeclined() {
        return new PaymentFailed(ORDER_ID, PAYMENT_ID, "stripe", "card_declined", PLACED_AT.plus(Duration.ofMinutes(2)));
    }

    static PaymentRefunded oneMugRefundedAsDamaged() {
        return new PaymentRefunded(ORDER_ID, PAYMENT_ID, Money.gbp(1299), "arrived damaged",
                Instant.parse("2025-12-06T14:02:11Z"));
    }

    static CustomerVerificationRequested hannahAskedToVerifyHerEmail() {
        return new CustomerVerificationRequested(CUSTOMER_ID, EMAIL, "Hannah Price", "482915",
                Instant.parse("2025-11-20T18:45:00Z"));
    }

    static CustomerRegistered hannahRegistered() {
        return new CustomerRegistered(CUSTOMER_ID, EMAIL, "Hannah Price", Instant.parse("2025-11-20T18:32:41Z"));
    }

    static PasswordResetRequested hannahForgotHerPassword() {
        return new PasswordResetRequested(CUSTOMER_ID, EMAIL,
                "https://shop.example.co.uk/password/reset/confirm?token=Qm9vdHMgYW5kIGNhdHMgYW5kIGJvb3Rz",
                Instant.parse("2025-12-03T20:40:00Z"));
    }

    private static List<OrderLine> twoLines() {
        return List.of(
                new OrderLine(UUID.fromString("0b7e4c21-9d3a-4f6b-8e15-c2a7d9f0e384"), "MUG-XMAS-001", 2, Money.gbp(1299),
                        Map.of("name", "Hannah", "font", "Serif")),
                new OrderLine(UUID.fromString("5d2f8a63-1e4b-4c7d-a9f2-6b0c3e8d7a15"), "CARD-BDAY-014", 1, Money.gbp(450),
                        Map.of()));
    }

    private static List<StockLine> twoStockLines() {
        return List.of(new StockLine("MUG-XMAS-001", 2), new StockLine("CARD-BDAY-014", 1));
    }
}
