package dev.atelier.order.checkout;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The persisted state of one order's checkout saga: the order's status, each step's state, and the deadline of
 * the step it waits for ({@code null} when it waits for nothing). {@code attention} says why a person must look
 * at the order (a marketplace order that cannot be fulfilled); it is never cleared by the saga.
 */
record SagaState(OrderStatus status, Steps.Stock stock, Steps.Coupon coupon, Steps.Payment payment,
        @Nullable String cancelReason, @Nullable String paymentRedirectUrl, @Nullable UUID paymentId,
        @Nullable Instant deadline, @Nullable String attention) {

    SagaState withStatus(OrderStatus next) {
        return new SagaState(next, stock, coupon, payment, cancelReason, paymentRedirectUrl, paymentId, deadline,
                attention);
    }

    SagaState withStock(Steps.Stock next) {
        return new SagaState(status, next, coupon, payment, cancelReason, paymentRedirectUrl, paymentId, deadline,
                attention);
    }

    SagaState withCoupon(Steps.Coupon next) {
        return new SagaState(status, stock, next, payment, cancelReason, paymentRedirectUrl, paymentId, deadline,
                attention);
    }

    SagaState withPayment(Steps.Payment next) {
        return new SagaState(status, stock, coupon, next, cancelReason, paymentRedirectUrl, paymentId, deadline,
                attention);
    }

    SagaState withPaymentId(UUID id) {
        return new SagaState(status, stock, coupon, payment, cancelReason, paymentRedirectUrl, id, deadline,
                attention);
    }

    SagaState withRedirect(String url) {
        return new SagaState(status, stock, coupon, payment, cancelReason, url, paymentId, deadline, attention);
    }

    SagaState withDeadline(@Nullable Instant next) {
        return new SagaState(status, stock, coupon, payment, cancelReason, paymentRedirectUrl, paymentId, next,
                attention);
    }

    SagaState cancelled(String reason) {
        return new SagaState(OrderStatus.CANCELLED, stock, coupon, payment, reason, paymentRedirectUrl, paymentId,
                null, attention);
    }

    SagaState needingAttention(String why) {
        return new SagaState(status, stock, coupon, payment, cancelReason, paymentRedirectUrl, paymentId, null, why);
    }
}
