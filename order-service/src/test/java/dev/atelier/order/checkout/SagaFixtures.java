package dev.atelier.order.checkout;

import dev.atelier.events.Money;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderTotals;
import dev.atelier.events.order.ShippingAddress;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Orders, saga states and the answers of the other services, named after what they are. */
final class SagaFixtures {

    static final Instant PLACED_AT = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration STOCK_TIMEOUT = Duration.ofSeconds(60);
    static final Duration PAYMENT_TIMEOUT = Duration.ofMinutes(15);
    static final UUID PAYMENT_ID = UUID.fromString("11111111-2222-4333-8444-555555555555");

    private SagaFixtures() {
    }

    static CheckoutSaga saga() {
        return new CheckoutSaga(STOCK_TIMEOUT, PAYMENT_TIMEOUT);
    }

    static Order aWebOrderWithCoupon() {
        return order("WEB", "WINTER10", null);
    }

    static Order aWebOrderWithoutCoupon() {
        return order("WEB", null, null);
    }

    static Order aMarketplaceOrder() {
        return order("EBAY", null, null);
    }

    static Order order(String channel, @Nullable String coupon, @Nullable String giftCard) {
        UUID id = UUID.fromString("3f1c9a52-7b4e-4d2a-9c61-0e8d5b7a4f13");
        OrderLine mug = new OrderLine(UUID.randomUUID(), "MUG-XMAS-001", 2, Money.gbp(1499),
                Map.of("name", "Sophie"), "Personalised Christmas Mug", Map.of("size", "11oz"), null,
                Map.of("name", "Name"), Money.gbp(2998));
        OrderTotals totals = new OrderTotals(Money.gbp(2998), Money.gbp(coupon == null ? 0 : 300), Money.gbp(395),
                Money.gbp(0), Money.gbp(515), Money.gbp(coupon == null ? 3393 : 3093));
        return new Order(id, "AT-2026-000123", channel, null, "sophie@example.co.uk", null, UUID.randomUUID(), 7L,
                coupon, "card", giftCard, totals,
                new ShippingAddress("Sophie Hart", "1 Mill Lane", null, "York", "YO1 7HH", "GB"), "standard", null,
                "http://localhost:8080/orders/" + id + "?token=t", PLACED_AT, List.of(mug));
    }

    /** Named saga states, each one a place the saga can be in. */
    static Map<String, SagaState> states() {
        Map<String, SagaState> states = new LinkedHashMap<>();
        states.put("waitingForStockAndCoupon", state(OrderStatus.PLACED, Steps.Stock.PENDING, Steps.Coupon.PENDING,
                Steps.Payment.NOT_REQUESTED));
        states.put("stockReservedWaitingForCoupon", state(OrderStatus.PLACED, Steps.Stock.RESERVED,
                Steps.Coupon.PENDING, Steps.Payment.NOT_REQUESTED));
        states.put("paymentRequested", state(OrderStatus.PLACED, Steps.Stock.RESERVED, Steps.Coupon.REDEEMED,
                Steps.Payment.REQUESTED));
        states.put("awaitingPayment", state(OrderStatus.AWAITING_PAYMENT, Steps.Stock.RESERVED, Steps.Coupon.REDEEMED,
                Steps.Payment.SESSION_OPEN));
        states.put("paid", state(OrderStatus.PAID, Steps.Stock.RESERVED, Steps.Coupon.REDEEMED, Steps.Payment.PAID));
        states.put("paidAndCommitted", state(OrderStatus.PAID, Steps.Stock.COMMITTED, Steps.Coupon.REDEEMED,
                Steps.Payment.PAID));
        states.put("paidStockGivenBack", state(OrderStatus.PAID, Steps.Stock.RELEASED, Steps.Coupon.REDEEMED,
                Steps.Payment.PAID));
        states.put("processing", state(OrderStatus.PROCESSING, Steps.Stock.RESERVED, Steps.Coupon.REDEEMED,
                Steps.Payment.PAID));
        states.put("cancelledOutOfStock", new SagaState(OrderStatus.CANCELLED, Steps.Stock.REJECTED,
                Steps.Coupon.REDEEMED, Steps.Payment.NOT_REQUESTED, "OUT_OF_STOCK", null, null, null, null));
        states.put("cancelledAfterPaymentFailed", new SagaState(OrderStatus.CANCELLED, Steps.Stock.RESERVED,
                Steps.Coupon.REDEEMED, Steps.Payment.FAILED, "PAYMENT_FAILED", "https://pay/x", PAYMENT_ID, null,
                null));
        states.put("cancelledAndGivenBack", new SagaState(OrderStatus.CANCELLED, Steps.Stock.RELEASED,
                Steps.Coupon.RELEASED, Steps.Payment.SESSION_OPEN, "PAYMENT_TIMEOUT", "https://pay/x", PAYMENT_ID,
                null, null));
        states.put("refundRequested", new SagaState(OrderStatus.CANCELLED, Steps.Stock.RELEASED,
                Steps.Coupon.RELEASED, Steps.Payment.REFUND_REQUESTED, "CUSTOMER", null, PAYMENT_ID, null, null));
        states.put("cancelledStockLost", new SagaState(OrderStatus.CANCELLED, Steps.Stock.RELEASED,
                Steps.Coupon.REDEEMED, Steps.Payment.REFUND_REQUESTED, "STOCK_LOST", "https://pay/x", PAYMENT_ID, null,
                null));
        states.put("refunded", new SagaState(OrderStatus.REFUNDED, Steps.Stock.RELEASED, Steps.Coupon.RELEASED,
                Steps.Payment.REFUNDED, "CUSTOMER", null, PAYMENT_ID, null, null));
        return states;
    }

    static SagaState state(OrderStatus status, Steps.Stock stock, Steps.Coupon coupon, Steps.Payment payment) {
        Instant deadline = payment == Steps.Payment.NOT_REQUESTED ? PLACED_AT.plus(STOCK_TIMEOUT)
                : status.isBeforePayment() ? PLACED_AT.plus(PAYMENT_TIMEOUT) : null;
        return new SagaState(status, stock, coupon, payment, null,
                payment == Steps.Payment.SESSION_OPEN || status.isPaid() ? "https://pay/x" : null,
                payment == Steps.Payment.SESSION_OPEN || status.isPaid() ? PAYMENT_ID : null, deadline, null);
    }

    /** One of each input the saga knows (and one it does not), as the other services send them. */
    static Map<String, Object> inputs(UUID orderId, UUID cartId) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("StockReserved", new StockReserved(orderId, List.of(new StockLine("MUG-XMAS-001", 2)),
                PLACED_AT.plus(Duration.ofMinutes(20))));
        inputs.put("StockRejected", new StockRejected(orderId, List.of(new RejectedLine("MUG-XMAS-001", 2, 1))));
        inputs.put("StockReleased", new StockReleased(orderId, "CANCELLED", List.of(new StockLine("MUG-XMAS-001", 2))));
        inputs.put("StockCommitted", new StockCommitted(orderId, List.of(new StockLine("MUG-XMAS-001", 2))));
        inputs.put("StockCommitRefused", new StockCommitRefused(orderId, "EXPIRED",
                List.of(new StockLine("MUG-XMAS-001", 2))));
        inputs.put("CouponRedeemed", new CouponRedeemed(cartId, orderId, "WINTER10", Money.gbp(300), PLACED_AT));
        inputs.put("CouponRejected", new CouponRejected(cartId, orderId, "WINTER10", "USED_UP", PLACED_AT));
        inputs.put("CouponReleased", new CouponReleased(cartId, orderId, "WINTER10", PLACED_AT));
        inputs.put("PaymentSessionCreated", new PaymentSessionCreated(orderId, PAYMENT_ID, "sandbox", "cs_1",
                "https://pay/x", PLACED_AT.plus(Duration.ofMinutes(30))));
        inputs.put("PaymentSucceeded", new PaymentSucceeded(orderId, PAYMENT_ID, "sandbox", Money.gbp(3093),
                PLACED_AT.plus(Duration.ofMinutes(2))));
        inputs.put("PaymentFailed", new PaymentFailed(orderId, PAYMENT_ID, "sandbox", "card_declined",
                PLACED_AT.plus(Duration.ofMinutes(2))));
        inputs.put("PaymentRefunded", new PaymentRefunded(orderId, PAYMENT_ID, Money.gbp(3093), "LATE_PAYMENT",
                PLACED_AT.plus(Duration.ofMinutes(40))));
        inputs.put("CancelRequested", new SagaCommands.CancelRequested("the shopper"));
        inputs.put("DeadlinePassed", new SagaCommands.DeadlinePassed());
        inputs.put("Unknown", "an input the saga does not know");
        return inputs;
    }
}
