package dev.atelier.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.DomainEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every (state, input) pair of the checkout saga has a stated outcome, without Spring: the table below is the
 * saga's specification. A line reads {@code state + input -> outcome}, where the outcome is APPLIED with the status
 * it leaves and the events it publishes, UNCHANGED, PARKED until an event, or REFUSED (dead-lettered).
 */
class CheckoutSagaTransitionTableTest {

    private static final String TABLE = """
            waitingForStockAndCoupon + StockReserved -> APPLIED PLACED []
            waitingForStockAndCoupon + StockRejected -> APPLIED CANCELLED [OrderCancelled]
            waitingForStockAndCoupon + StockReleased -> PARKED until StockReserved
            waitingForStockAndCoupon + StockCommitted -> PARKED until StockReserved
            waitingForStockAndCoupon + StockCommitRefused -> REFUSED
            waitingForStockAndCoupon + CouponRedeemed -> APPLIED PLACED []
            waitingForStockAndCoupon + CouponRejected -> APPLIED CANCELLED [OrderCancelled]
            waitingForStockAndCoupon + CouponReleased -> PARKED until CouponRedeemed
            waitingForStockAndCoupon + PaymentSessionCreated -> PARKED until PaymentRequested
            waitingForStockAndCoupon + PaymentSucceeded -> PARKED until PaymentRequested
            waitingForStockAndCoupon + PaymentFailed -> PARKED until PaymentRequested
            waitingForStockAndCoupon + PaymentRefunded -> REFUSED
            waitingForStockAndCoupon + CancelRequested -> APPLIED CANCELLED [OrderCancelled]
            waitingForStockAndCoupon + DeadlinePassed -> APPLIED CANCELLED [OrderCancelled]
            waitingForStockAndCoupon + Unknown -> REFUSED
            stockReservedWaitingForCoupon + StockReserved -> UNCHANGED
            stockReservedWaitingForCoupon + StockRejected -> REFUSED
            stockReservedWaitingForCoupon + StockReleased -> APPLIED CANCELLED [OrderCancelled]
            stockReservedWaitingForCoupon + StockCommitted -> REFUSED
            stockReservedWaitingForCoupon + StockCommitRefused -> REFUSED
            stockReservedWaitingForCoupon + CouponRedeemed -> APPLIED PLACED [PaymentRequested]
            stockReservedWaitingForCoupon + CouponRejected -> APPLIED CANCELLED [OrderCancelled]
            stockReservedWaitingForCoupon + CouponReleased -> PARKED until CouponRedeemed
            stockReservedWaitingForCoupon + PaymentSessionCreated -> PARKED until PaymentRequested
            stockReservedWaitingForCoupon + PaymentSucceeded -> PARKED until PaymentRequested
            stockReservedWaitingForCoupon + PaymentFailed -> PARKED until PaymentRequested
            stockReservedWaitingForCoupon + PaymentRefunded -> REFUSED
            stockReservedWaitingForCoupon + CancelRequested -> APPLIED CANCELLED [OrderCancelled]
            stockReservedWaitingForCoupon + DeadlinePassed -> APPLIED CANCELLED [OrderCancelled]
            stockReservedWaitingForCoupon + Unknown -> REFUSED
            paymentRequested + StockReserved -> UNCHANGED
            paymentRequested + StockRejected -> REFUSED
            paymentRequested + StockReleased -> APPLIED CANCELLED [OrderCancelled]
            paymentRequested + StockCommitted -> REFUSED
            paymentRequested + StockCommitRefused -> REFUSED
            paymentRequested + CouponRedeemed -> UNCHANGED
            paymentRequested + CouponRejected -> REFUSED
            paymentRequested + CouponReleased -> REFUSED
            paymentRequested + PaymentSessionCreated -> APPLIED AWAITING_PAYMENT []
            paymentRequested + PaymentSucceeded -> PARKED until PaymentSessionCreated
            paymentRequested + PaymentFailed -> PARKED until PaymentSessionCreated
            paymentRequested + PaymentRefunded -> REFUSED
            paymentRequested + CancelRequested -> APPLIED CANCELLED [OrderCancelled]
            paymentRequested + DeadlinePassed -> APPLIED CANCELLED [OrderCancelled]
            paymentRequested + Unknown -> REFUSED
            awaitingPayment + StockReserved -> UNCHANGED
            awaitingPayment + StockRejected -> REFUSED
            awaitingPayment + StockReleased -> APPLIED CANCELLED [OrderCancelled]
            awaitingPayment + StockCommitted -> REFUSED
            awaitingPayment + StockCommitRefused -> REFUSED
            awaitingPayment + CouponRedeemed -> UNCHANGED
            awaitingPayment + CouponRejected -> REFUSED
            awaitingPayment + CouponReleased -> REFUSED
            awaitingPayment + PaymentSessionCreated -> UNCHANGED
            awaitingPayment + PaymentSucceeded -> APPLIED PAID [OrderConfirmed]
            awaitingPayment + PaymentFailed -> APPLIED CANCELLED [OrderCancelled]
            awaitingPayment + PaymentRefunded -> REFUSED
            awaitingPayment + CancelRequested -> APPLIED CANCELLED [OrderCancelled]
            awaitingPayment + DeadlinePassed -> APPLIED CANCELLED [OrderCancelled]
            awaitingPayment + Unknown -> REFUSED
            paid + StockReserved -> UNCHANGED
            paid + StockRejected -> REFUSED
            paid + StockReleased -> APPLIED PAID []
            paid + StockCommitted -> APPLIED PAID []
            paid + StockCommitRefused -> APPLIED CANCELLED [OrderCancelled, RefundRequested]
            paid + CouponRedeemed -> UNCHANGED
            paid + CouponRejected -> REFUSED
            paid + CouponReleased -> REFUSED
            paid + PaymentSessionCreated -> UNCHANGED
            paid + PaymentSucceeded -> UNCHANGED
            paid + PaymentFailed -> UNCHANGED
            paid + PaymentRefunded -> APPLIED PAID []
            paid + CancelRequested -> REFUSED
            paid + DeadlinePassed -> UNCHANGED
            paid + Unknown -> REFUSED
            paidAndCommitted + StockReserved -> UNCHANGED
            paidAndCommitted + StockRejected -> REFUSED
            paidAndCommitted + StockReleased -> REFUSED
            paidAndCommitted + StockCommitted -> UNCHANGED
            paidAndCommitted + StockCommitRefused -> REFUSED
            paidAndCommitted + CouponRedeemed -> UNCHANGED
            paidAndCommitted + CouponRejected -> REFUSED
            paidAndCommitted + CouponReleased -> REFUSED
            paidAndCommitted + PaymentSessionCreated -> UNCHANGED
            paidAndCommitted + PaymentSucceeded -> UNCHANGED
            paidAndCommitted + PaymentFailed -> UNCHANGED
            paidAndCommitted + PaymentRefunded -> APPLIED PAID []
            paidAndCommitted + CancelRequested -> REFUSED
            paidAndCommitted + DeadlinePassed -> UNCHANGED
            paidAndCommitted + Unknown -> REFUSED
            paidStockGivenBack + StockReserved -> UNCHANGED
            paidStockGivenBack + StockRejected -> REFUSED
            paidStockGivenBack + StockReleased -> UNCHANGED
            paidStockGivenBack + StockCommitted -> REFUSED
            paidStockGivenBack + StockCommitRefused -> APPLIED CANCELLED [OrderCancelled, RefundRequested]
            paidStockGivenBack + CouponRedeemed -> UNCHANGED
            paidStockGivenBack + CouponRejected -> REFUSED
            paidStockGivenBack + CouponReleased -> REFUSED
            paidStockGivenBack + PaymentSessionCreated -> UNCHANGED
            paidStockGivenBack + PaymentSucceeded -> UNCHANGED
            paidStockGivenBack + PaymentFailed -> UNCHANGED
            paidStockGivenBack + PaymentRefunded -> APPLIED PAID []
            paidStockGivenBack + CancelRequested -> REFUSED
            paidStockGivenBack + DeadlinePassed -> UNCHANGED
            paidStockGivenBack + Unknown -> REFUSED
            processing + StockReserved -> UNCHANGED
            processing + StockRejected -> REFUSED
            processing + StockReleased -> APPLIED PROCESSING []
            processing + StockCommitted -> APPLIED PROCESSING []
            processing + StockCommitRefused -> APPLIED PROCESSING []
            processing + CouponRedeemed -> UNCHANGED
            processing + CouponRejected -> REFUSED
            processing + CouponReleased -> REFUSED
            processing + PaymentSessionCreated -> UNCHANGED
            processing + PaymentSucceeded -> UNCHANGED
            processing + PaymentFailed -> UNCHANGED
            processing + PaymentRefunded -> APPLIED PROCESSING []
            processing + CancelRequested -> REFUSED
            processing + DeadlinePassed -> UNCHANGED
            processing + Unknown -> REFUSED
            cancelledOutOfStock + StockReserved -> REFUSED
            cancelledOutOfStock + StockRejected -> UNCHANGED
            cancelledOutOfStock + StockReleased -> REFUSED
            cancelledOutOfStock + StockCommitted -> REFUSED
            cancelledOutOfStock + StockCommitRefused -> REFUSED
            cancelledOutOfStock + CouponRedeemed -> UNCHANGED
            cancelledOutOfStock + CouponRejected -> REFUSED
            cancelledOutOfStock + CouponReleased -> APPLIED CANCELLED []
            cancelledOutOfStock + PaymentSessionCreated -> REFUSED
            cancelledOutOfStock + PaymentSucceeded -> APPLIED CANCELLED [RefundRequested]
            cancelledOutOfStock + PaymentFailed -> REFUSED
            cancelledOutOfStock + PaymentRefunded -> REFUSED
            cancelledOutOfStock + CancelRequested -> UNCHANGED
            cancelledOutOfStock + DeadlinePassed -> UNCHANGED
            cancelledOutOfStock + Unknown -> REFUSED
            cancelledAfterPaymentFailed + StockReserved -> UNCHANGED
            cancelledAfterPaymentFailed + StockRejected -> REFUSED
            cancelledAfterPaymentFailed + StockReleased -> APPLIED CANCELLED []
            cancelledAfterPaymentFailed + StockCommitted -> REFUSED
            cancelledAfterPaymentFailed + StockCommitRefused -> REFUSED
            cancelledAfterPaymentFailed + CouponRedeemed -> UNCHANGED
            cancelledAfterPaymentFailed + CouponRejected -> REFUSED
            cancelledAfterPaymentFailed + CouponReleased -> APPLIED CANCELLED []
            cancelledAfterPaymentFailed + PaymentSessionCreated -> UNCHANGED
            cancelledAfterPaymentFailed + PaymentSucceeded -> APPLIED CANCELLED [RefundRequested]
            cancelledAfterPaymentFailed + PaymentFailed -> UNCHANGED
            cancelledAfterPaymentFailed + PaymentRefunded -> REFUSED
            cancelledAfterPaymentFailed + CancelRequested -> UNCHANGED
            cancelledAfterPaymentFailed + DeadlinePassed -> UNCHANGED
            cancelledAfterPaymentFailed + Unknown -> REFUSED
            cancelledAndGivenBack + StockReserved -> UNCHANGED
            cancelledAndGivenBack + StockRejected -> REFUSED
            cancelledAndGivenBack + StockReleased -> UNCHANGED
            cancelledAndGivenBack + StockCommitted -> REFUSED
            cancelledAndGivenBack + StockCommitRefused -> REFUSED
            cancelledAndGivenBack + CouponRedeemed -> UNCHANGED
            cancelledAndGivenBack + CouponRejected -> REFUSED
            cancelledAndGivenBack + CouponReleased -> UNCHANGED
            cancelledAndGivenBack + PaymentSessionCreated -> UNCHANGED
            cancelledAndGivenBack + PaymentSucceeded -> APPLIED CANCELLED [RefundRequested]
            cancelledAndGivenBack + PaymentFailed -> APPLIED CANCELLED []
            cancelledAndGivenBack + PaymentRefunded -> APPLIED REFUNDED []
            cancelledAndGivenBack + CancelRequested -> UNCHANGED
            cancelledAndGivenBack + DeadlinePassed -> UNCHANGED
            cancelledAndGivenBack + Unknown -> REFUSED
            refundRequested + StockReserved -> UNCHANGED
            refundRequested + StockRejected -> REFUSED
            refundRequested + StockReleased -> UNCHANGED
            refundRequested + StockCommitted -> REFUSED
            refundRequested + StockCommitRefused -> REFUSED
            refundRequested + CouponRedeemed -> UNCHANGED
            refundRequested + CouponRejected -> REFUSED
            refundRequested + CouponReleased -> UNCHANGED
            refundRequested + PaymentSessionCreated -> UNCHANGED
            refundRequested + PaymentSucceeded -> UNCHANGED
            refundRequested + PaymentFailed -> UNCHANGED
            refundRequested + PaymentRefunded -> APPLIED REFUNDED []
            refundRequested + CancelRequested -> UNCHANGED
            refundRequested + DeadlinePassed -> UNCHANGED
            refundRequested + Unknown -> REFUSED
            cancelledStockLost + StockReserved -> UNCHANGED
            cancelledStockLost + StockRejected -> REFUSED
            cancelledStockLost + StockReleased -> UNCHANGED
            cancelledStockLost + StockCommitted -> REFUSED
            cancelledStockLost + StockCommitRefused -> UNCHANGED
            cancelledStockLost + CouponRedeemed -> UNCHANGED
            cancelledStockLost + CouponRejected -> REFUSED
            cancelledStockLost + CouponReleased -> APPLIED CANCELLED []
            cancelledStockLost + PaymentSessionCreated -> UNCHANGED
            cancelledStockLost + PaymentSucceeded -> UNCHANGED
            cancelledStockLost + PaymentFailed -> UNCHANGED
            cancelledStockLost + PaymentRefunded -> APPLIED REFUNDED []
            cancelledStockLost + CancelRequested -> UNCHANGED
            cancelledStockLost + DeadlinePassed -> UNCHANGED
            cancelledStockLost + Unknown -> REFUSED
            refunded + StockReserved -> UNCHANGED
            refunded + StockRejected -> REFUSED
            refunded + StockReleased -> UNCHANGED
            refunded + StockCommitted -> REFUSED
            refunded + StockCommitRefused -> REFUSED
            refunded + CouponRedeemed -> UNCHANGED
            refunded + CouponRejected -> REFUSED
            refunded + CouponReleased -> UNCHANGED
            refunded + PaymentSessionCreated -> UNCHANGED
            refunded + PaymentSucceeded -> UNCHANGED
            refunded + PaymentFailed -> UNCHANGED
            refunded + PaymentRefunded -> UNCHANGED
            refunded + CancelRequested -> UNCHANGED
            refunded + DeadlinePassed -> UNCHANGED
            refunded + Unknown -> REFUSED
            """;

    @Test
    void everyStateAndInputHasTheOutcomeTheTableStates() {
        CheckoutSaga saga = SagaFixtures.saga();
        Order order = SagaFixtures.aWebOrderWithCoupon();
        Instant anHourLater = SagaFixtures.PLACED_AT.plus(Duration.ofHours(1));
        List<String> actual = new ArrayList<>();
        for (Map.Entry<String, SagaState> state : SagaFixtures.states().entrySet()) {
            for (Map.Entry<String, Object> input : SagaFixtures.inputs(order.id(), order.cartId()).entrySet()) {
                Outcome outcome = saga.on(order, state.getValue(), input.getValue(), anHourLater);
                actual.add(state.getKey() + " + " + input.getKey() + " -> " + describe(outcome));
            }
        }
        assertThat(String.join("\n", actual) + "\n")
                .as("the transition table; the actual one is:%n%s", String.join("\n", actual))
                .isEqualTo(TABLE);
    }

    static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied applied -> "APPLIED " + applied.state().status() + " " + applied.events().stream()
                    .map(DomainEvent::getClass).map(Class::getSimpleName).collect(Collectors.joining(", ", "[", "]"));
            case Outcome.Unchanged unchanged -> "UNCHANGED";
            case Outcome.Parked parked -> "PARKED until " + parked.waitingFor();
            case Outcome.Refused refused -> "REFUSED";
        };
    }
}
