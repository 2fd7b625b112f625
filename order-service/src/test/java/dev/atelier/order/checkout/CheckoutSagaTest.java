package dev.atelier.order.checkout;

import static dev.atelier.order.checkout.SagaFixtures.PLACED_AT;
import static dev.atelier.order.checkout.SagaFixtures.aMarketplaceOrder;
import static dev.atelier.order.checkout.SagaFixtures.aWebOrderWithCoupon;
import static dev.atelier.order.checkout.SagaFixtures.aWebOrderWithoutCoupon;
import static dev.atelier.order.checkout.SagaFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Money;
import dev.atelier.events.inventory.RejectedLine;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockLine;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.payment.PaymentSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga's branches and compensations, given a state and an input, without Spring. */
class CheckoutSagaTest {

    private final CheckoutSaga saga = SagaFixtures.saga();
    private final Instant now = PLACED_AT.plusSeconds(5);

    private static StockReserved reserved(Order order) {
        return new StockReserved(order.id(), List.of(new StockLine("MUG-XMAS-001", 2)), PLACED_AT.plusSeconds(1200));
    }

    private static PaymentSucceeded paid(Order order, UUID paymentId) {
        return new PaymentSucceeded(order.id(), paymentId, "sandbox", order.totals().total(), PLACED_AT.plusSeconds(90));
    }

    private static Outcome.Applied applied(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    @Test
    void placingAsksForStockAndCouponTogetherAndWaitsAtMostTheStockTimeout() {
        Order order = aWebOrderWithCoupon();

        Outcome.Applied start = saga.start(order);

        assertThat(start.state().status()).isEqualTo(OrderStatus.PLACED);
        assertThat(start.state().stock()).isEqualTo(Steps.Stock.PENDING);
        assertThat(start.state().coupon()).isEqualTo(Steps.Coupon.PENDING);
        assertThat(start.state().deadline()).isEqualTo(PLACED_AT.plus(SagaFixtures.STOCK_TIMEOUT));
        assertThat(start.events()).singleElement().isInstanceOfSatisfying(OrderPlaced.class, placed -> {
            assertThat(placed.couponCode()).isEqualTo("WINTER10");
            assertThat(placed.cartId()).isEqualTo(order.cartId());
            assertThat(placed.totals()).isEqualTo(order.totals());
            assertThat(placed.lines()).isEqualTo(order.lines());
            assertThat(placed.channel()).isEqualTo("WEB");
        });
    }

    @Test
    void asksForThePaymentOfTheTotalOnceStockIsReservedWhenThereIsNoCoupon() {
        Order order = aWebOrderWithoutCoupon();
        SagaState placed = saga.start(order).state();

        Outcome.Applied next = applied(saga.on(order, placed, reserved(order), now));

        assertThat(next.state().payment()).isEqualTo(Steps.Payment.REQUESTED);
        assertThat(next.state().deadline()).isEqualTo(now.plus(SagaFixtures.PAYMENT_TIMEOUT));
        assertThat(next.events()).singleElement().isInstanceOfSatisfying(PaymentRequested.class, request -> {
            assertThat(request.amount()).isEqualTo(Money.gbp(3393));
            assertThat(request.paymentMethod()).isEqualTo("card");
            assertThat(request.successUrl()).isEqualTo(order.returnUrl());
            assertThat(request.cancelUrl()).isEqualTo(order.returnUrl() + "&cancelled=true");
        });
    }

    @Test
    void cancellingGivesBackStockCouponAndCartWithoutAPaymentTaken() {
        Order order = aWebOrderWithCoupon();
        SagaState waiting = state(OrderStatus.PLACED, Steps.Stock.RESERVED, Steps.Coupon.PENDING,
                Steps.Payment.NOT_REQUESTED);

        Outcome.Applied cancelled = applied(saga.on(order, waiting,
                new dev.atelier.events.cart.CouponRejected(order.cartId(), order.id(), "WINTER10", "USED_UP", now),
                now));

        assertThat(cancelled.state().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.state().cancelReason()).isEqualTo(CheckoutSaga.COUPON_UNAVAILABLE);
        assertThat(cancelled.state().deadline()).isNull();
        assertThat(cancelled.events()).singleElement().isInstanceOfSatisfying(OrderCancelled.class, c -> {
            assertThat(c.reason()).isEqualTo("COUPON_UNAVAILABLE");
            assertThat(c.cartId()).isEqualTo(order.cartId());
            assertThat(c.couponCode()).isEqualTo("WINTER10");
            assertThat(c.paymentTaken()).isFalse();
        });
    }

    @Test
    void namesTheStepThatDidNotAnswerInTime() {
        Order order = aWebOrderWithCoupon();
        Instant late = PLACED_AT.plus(Duration.ofHours(1));

        var noStock = applied(saga.on(order, saga.start(order).state(), new SagaCommands.DeadlinePassed(), late));
        var noCoupon = applied(saga.on(order, state(OrderStatus.PLACED, Steps.Stock.RESERVED, Steps.Coupon.PENDING,
                Steps.Payment.NOT_REQUESTED), new SagaCommands.DeadlinePassed(), late));
        var noPayment = applied(saga.on(order, state(OrderStatus.AWAITING_PAYMENT, Steps.Stock.RESERVED,
                Steps.Coupon.REDEEMED, Steps.Payment.SESSION_OPEN), new SagaCommands.DeadlinePassed(), late));

        assertThat(noStock.state().cancelReason()).isEqualTo("STOCK_TIMEOUT");
        assertThat(noCoupon.state().cancelReason()).isEqualTo("COUPON_TIMEOUT");
        assertThat(noPayment.state().cancelReason()).isEqualTo("PAYMENT_TIMEOUT");
    }

    @Test
    void waitsForTheDeadlineItself() {
        Order order = aWebOrderWithoutCoupon();
        SagaState placed = saga.start(order).state();

        Outcome early = saga.on(order, placed, new SagaCommands.DeadlinePassed(), PLACED_AT.plusSeconds(59));

        assertThat(early).isInstanceOf(Outcome.Unchanged.class);
    }

    @Test
    void refundsALatePaymentOnceWhateverItsRedeliveries() {
        Order order = aWebOrderWithoutCoupon();
        SagaState timedOut = new SagaState(OrderStatus.CANCELLED, Steps.Stock.RELEASED, Steps.Coupon.NONE,
                Steps.Payment.SESSION_OPEN, "PAYMENT_TIMEOUT", "https://pay/x", SagaFixtures.PAYMENT_ID, null, null);
        PaymentSucceeded late = paid(order, SagaFixtures.PAYMENT_ID);

        Outcome.Applied first = applied(saga.on(order, timedOut, late, now));
        Outcome again = saga.on(order, first.state(), late, now);

        assertThat(first.state().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(first.state().payment()).isEqualTo(Steps.Payment.REFUND_REQUESTED);
        assertThat(first.events()).singleElement().isInstanceOfSatisfying(RefundRequested.class, refund -> {
            assertThat(refund.amount()).isEqualTo(late.amount());
            assertThat(refund.paymentId()).isEqualTo(late.paymentId());
            assertThat(refund.reason()).isEqualTo("LATE_PAYMENT");
        });
        assertThat(again).isInstanceOf(Outcome.Unchanged.class);
    }

    @Test
    void refundsASecondPaymentOfAPaidOrder() {
        Order order = aWebOrderWithoutCoupon();
        SagaState paidState = state(OrderStatus.PAID, Steps.Stock.COMMITTED, Steps.Coupon.NONE, Steps.Payment.PAID);
        UUID second = UUID.randomUUID();

        Outcome.Applied outcome = applied(saga.on(order, paidState, paid(order, second), now));

        assertThat(outcome.state()).isEqualTo(paidState);
        assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(RefundRequested.class,
                refund -> assertThat(refund.paymentId()).isEqualTo(second));
    }

    @Test
    void takesAGiftCardPaymentThatNeedsNoProviderSession() {
        Order order = SagaFixtures.order("WEB", null, "GIFT-1234");
        SagaState requested = state(OrderStatus.PLACED, Steps.Stock.RESERVED, Steps.Coupon.NONE,
                Steps.Payment.REQUESTED);

        Outcome.Applied outcome = applied(saga.on(order, requested, paid(order, SagaFixtures.PAYMENT_ID), now));

        assertThat(outcome.state().status()).isEqualTo(OrderStatus.PAID);
        assertThat(outcome.events()).singleElement().isInstanceOf(OrderConfirmed.class);
    }

    @Test
    void confirmsAMarketplaceOrderAsSoonAsItsStockIsReserved() {
        Order order = aMarketplaceOrder();
        SagaState placed = saga.start(order).state();

        Outcome.Applied outcome = applied(saga.on(order, placed, reserved(order), now));

        assertThat(placed.payment()).isEqualTo(Steps.Payment.TAKEN_ELSEWHERE);
        assertThat(outcome.state().status()).isEqualTo(OrderStatus.PAID);
        assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(OrderConfirmed.class,
                confirmed -> assertThat(confirmed.channel()).isEqualTo("EBAY"));
    }

    @Test
    void flagsAMarketplaceOrderThatCannotBeFulfilledInsteadOfCancellingIt() {
        Order order = aMarketplaceOrder();
        SagaState placed = saga.start(order).state();

        Outcome.Applied outcome = applied(saga.on(order, placed,
                new StockRejected(order.id(), List.of(new RejectedLine("MUG-XMAS-001", 2, 1))), now));

        assertThat(outcome.state().status()).isEqualTo(OrderStatus.PLACED);
        assertThat(outcome.state().attention()).startsWith("OUT_OF_STOCK");
        assertThat(outcome.state().deadline()).isNull();
        assertThat(outcome.events()).isEmpty();
    }

    private static StockCommitRefused commitRefused(Order order) {
        return new StockCommitRefused(order.id(), "EXPIRED", List.of(new StockLine("MUG-XMAS-001", 2)));
    }

    @Test
    void cancelsAndRefundsInFullAPaidOrderWhoseStockInventoryCouldNotCommit() {
        Order order = aWebOrderWithCoupon();
        SagaState paidState = state(OrderStatus.PAID, Steps.Stock.RESERVED, Steps.Coupon.REDEEMED, Steps.Payment.PAID);

        Outcome.Applied lost = applied(saga.on(order, paidState, commitRefused(order), now));
        Outcome again = saga.on(order, lost.state(), commitRefused(order), now);

        assertThat(lost.state().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(lost.state().cancelReason()).isEqualTo("STOCK_LOST");
        assertThat(lost.state().payment()).isEqualTo(Steps.Payment.REFUND_REQUESTED);
        assertThat(lost.state().stock()).isEqualTo(Steps.Stock.RELEASED);
        assertThat(lost.events()).satisfiesExactly(
                cancelled -> assertThat(cancelled).isInstanceOfSatisfying(OrderCancelled.class, c -> {
                    assertThat(c.reason()).isEqualTo("STOCK_LOST");
                    assertThat(c.paymentTaken()).isTrue();
                    assertThat(c.customerEmail()).isEqualTo(order.email());
                }),
                refund -> assertThat(refund).isInstanceOfSatisfying(RefundRequested.class, r -> {
                    assertThat(r.paymentId()).isEqualTo(SagaFixtures.PAYMENT_ID);
                    assertThat(r.amount()).isEqualTo(Money.gbp(3093));
                    assertThat(r.reason()).isEqualTo("STOCK_LOST");
                }));
        assertThat(again).isInstanceOf(Outcome.Unchanged.class);
        // payment-service's refund closes the order as REFUNDED, its reason kept for the shopper
        Outcome.Applied refunded = applied(saga.on(order, lost.state(), new dev.atelier.events.payment.PaymentRefunded(
                order.id(), SagaFixtures.PAYMENT_ID, Money.gbp(3093), "order cancelled", now), now));
        assertThat(refunded.state().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.state().cancelReason()).isEqualTo("STOCK_LOST");
    }

    @Test
    void recordsTheStockGivenBackAfterPaymentAndActsOnInventorysRefusalThatFollows() {
        Order order = aWebOrderWithoutCoupon();
        SagaState paidState = state(OrderStatus.PAID, Steps.Stock.RESERVED, Steps.Coupon.NONE, Steps.Payment.PAID);

        Outcome.Applied expired = applied(saga.on(order, paidState, new dev.atelier.events.inventory.StockReleased(
                order.id(), "EXPIRED", List.of(new StockLine("MUG-XMAS-001", 2))), now));
        Outcome.Applied lost = applied(saga.on(order, expired.state(), commitRefused(order), now));

        assertThat(expired.state().status()).isEqualTo(OrderStatus.PAID);
        assertThat(expired.events()).isEmpty();
        assertThat(lost.state().cancelReason()).isEqualTo("STOCK_LOST");
        assertThat(lost.events()).hasSize(2);
    }

    @Test
    void leavesAPersonToDecideWhenTheStockIsLostAfterTheWorkshopBeganOrOnAMarketplace() {
        Order web = aWebOrderWithoutCoupon();
        Order ebay = aMarketplaceOrder();
        SagaState inProduction = state(OrderStatus.PROCESSING, Steps.Stock.RESERVED, Steps.Coupon.NONE,
                Steps.Payment.PAID);
        SagaState paidOnEbay = state(OrderStatus.PAID, Steps.Stock.RESERVED, Steps.Coupon.NONE,
                Steps.Payment.TAKEN_ELSEWHERE);

        Outcome.Applied workshop = applied(saga.on(web, inProduction, commitRefused(web), now));
        Outcome.Applied marketplace = applied(saga.on(ebay, paidOnEbay, commitRefused(ebay), now));

        assertThat(workshop.state().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(workshop.state().attention()).startsWith("STOCK_LOST");
        assertThat(workshop.events()).isEmpty();
        assertThat(marketplace.state().status()).isEqualTo(OrderStatus.PAID);
        assertThat(marketplace.state().attention()).startsWith("STOCK_LOST").contains("EBAY");
        assertThat(marketplace.events()).isEmpty();
        assertThat(saga.on(ebay, marketplace.state(), commitRefused(ebay), now)).isInstanceOf(Outcome.Unchanged.class);
    }

    @Test
    void refusesTheShoppersCancelOncePaid() {
        Order order = aWebOrderWithoutCoupon();
        SagaState paidState = state(OrderStatus.PAID, Steps.Stock.RESERVED, Steps.Coupon.NONE, Steps.Payment.PAID);

        assertThat(saga.on(order, paidState, new SagaCommands.CancelRequested("the shopper"), now))
                .isInstanceOf(Outcome.Refused.class);
    }
}
