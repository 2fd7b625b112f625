package dev.atelier.order.checkout;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.Money;
import dev.atelier.events.cart.CouponRedeemed;
import dev.atelier.events.cart.CouponRejected;
import dev.atelier.events.cart.CouponReleased;
import dev.atelier.events.inventory.StockCommitRefused;
import dev.atelier.events.inventory.StockCommitted;
import dev.atelier.events.inventory.StockRejected;
import dev.atelier.events.inventory.StockReleased;
import dev.atelier.events.inventory.StockReserved;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderPlaced;
import dev.atelier.events.order.PaymentRequested;
import dev.atelier.events.order.RefundRequested;
import dev.atelier.events.payment.PaymentFailed;
import dev.atelier.events.payment.PaymentRefunded;
import dev.atelier.events.payment.PaymentSessionCreated;
import dev.atelier.events.payment.PaymentSucceeded;
import dev.atelier.order.checkout.Outcome.Applied;
import dev.atelier.order.checkout.Outcome.Parked;
import dev.atelier.order.checkout.Outcome.Refused;
import dev.atelier.order.checkout.Outcome.Unchanged;
import dev.atelier.order.checkout.SagaCommands.CancelRequested;
import dev.atelier.order.checkout.SagaCommands.DeadlinePassed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The checkout saga, declared in one place: its steps, their compensations and their timeouts. Every method is a
 * pure function (state + input → outcome); the {@link SagaCoordinator} loads and saves the state and records the
 * outcome's events in the outbox in one transaction.
 *
 * <pre>
 * start       OrderPlaced ─► inventory reserves every line; cart redeems the coupon (when there is one); in parallel
 * step stock  StockReserved | StockRejected (→ CANCELLED OUT_OF_STOCK)           timeout: stock-timeout → STOCK_TIMEOUT
 * step coupon CouponRedeemed | CouponRejected (→ CANCELLED COUPON_UNAVAILABLE)  timeout: stock-timeout → COUPON_TIMEOUT
 * step pay    both taken ─► PaymentRequested; PaymentSessionCreated → AWAITING_PAYMENT;
 *             PaymentSucceeded → PAID (OrderConfirmed: inventory commits) | PaymentFailed → CANCELLED PAYMENT_FAILED
 *                                                                          timeout: payment-timeout → PAYMENT_TIMEOUT
 *             (marketplace orders arrive paid: both taken ─► PAID at once)
 * step commit OrderConfirmed ─► inventory commits: StockCommitted | StockCommitRefused (the reservation was given
 *             back, e.g. expired, before the commit) ─► CANCELLED STOCK_LOST, the payment refunded in full
 *             (OrderCancelled with paymentTaken, RefundRequested); once the workshop has begun, or for a marketplace
 *             order, a person decides instead (attention)
 * compensate  OrderCancelled: inventory releases (StockReleased), cart releases the coupon (CouponReleased) and
 *             reopens the cart, payment expires its session. A payment that still succeeds ─► RefundRequested,
 *             and PaymentRefunded ─► REFUNDED: a late payment is never kept for a cancelled order.
 * shopper     CancelRequested before payment ─► CANCELLED CUSTOMER
 * </pre>
 *
 * A duplicate changes nothing; a payment answer that comes before the session it belongs to is parked until the
 * session comes; an answer that cannot happen in the saga's state is refused (dead-lettered with the reason).
 */
final class CheckoutSaga {

    static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    static final String COUPON_UNAVAILABLE = "COUPON_UNAVAILABLE";
    static final String PAYMENT_FAILED = "PAYMENT_FAILED";
    static final String PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT";
    static final String STOCK_TIMEOUT = "STOCK_TIMEOUT";
    static final String COUPON_TIMEOUT = "COUPON_TIMEOUT";
    static final String CUSTOMER = "CUSTOMER";
    static final String STOCK_EXPIRED = "STOCK_EXPIRED";
    static final String STOCK_LOST = "STOCK_LOST";

    private final Duration stockTimeout;
    private final Duration paymentTimeout;

    CheckoutSaga(Duration stockTimeout, Duration paymentTimeout) {
        this.stockTimeout = stockTimeout;
        this.paymentTimeout = paymentTimeout;
    }

    /** The first step: the order is placed and both the stock and the coupon are asked for. */
    Applied start(Order order) {
        SagaState state = new SagaState(OrderStatus.PLACED, Steps.Stock.PENDING,
                order.couponCode() == null ? Steps.Coupon.NONE : Steps.Coupon.PENDING,
                order.paidElsewhere() ? Steps.Payment.TAKEN_ELSEWHERE : Steps.Payment.NOT_REQUESTED,
                null, null, null, order.placedAt().plus(stockTimeout), null);
        OrderPlaced placed = new OrderPlaced(order.id(), order.number(), order.channel(), order.email(),
                order.customerId(), order.lines(), order.totals().total(), order.placedAt(), order.cartId(),
                order.couponCode(), order.paymentMethod(), order.giftCardCode(), order.totals(),
                order.shippingAddress(), order.shippingOption(), order.gift());
        return new Applied(state, List.of(placed), order.couponCode() == null
                ? "placed; stock asked for"
                : "placed; stock and coupon " + order.couponCode() + " asked for");
    }

    /** The outcome of one input (an event of another service or a command) for the order in {@code state}. */
    Outcome on(Order order, SagaState state, Object input, Instant now) {
        return switch (input) {
            case StockReserved e -> stockReserved(order, state, now);
            case StockRejected e -> stockRejected(order, state, now, e);
            case StockReleased e -> stockReleased(order, state, now, e);
            case StockCommitted e -> stockCommitted(state);
            case StockCommitRefused e -> stockCommitRefused(order, state, now, e);
            case CouponRedeemed e -> couponRedeemed(order, state, now, e);
            case CouponRejected e -> couponRejected(order, state, now, e);
            case CouponReleased e -> couponReleased(state);
            case PaymentSessionCreated e -> sessionCreated(state, e);
            case PaymentSucceeded e -> paymentSucceeded(order, state, now, e);
            case PaymentFailed e -> paymentFailed(order, state, now, e);
            case PaymentRefunded e -> paymentRefunded(state, e);
            case CancelRequested c -> cancelRequested(order, state, now, c);
            case DeadlinePassed d -> deadlinePassed(order, state, now);
            default -> new Refused("the checkout saga has no step for " + input.getClass().getSimpleName());
        };
    }

    // ---- step: stock -------------------------------------------------------------------------------------------

    private Outcome stockReserved(Order order, SagaState state, Instant now) {
        return switch (state.stock()) {
            case PENDING -> state.status() == OrderStatus.PLACED
                    ? proceed(order, state.withStock(Steps.Stock.RESERVED), now, "stock reserved")
                    : new Applied(state.withStock(Steps.Stock.RESERVED), List.of(),
                            "stock reserved after the order was " + state.status()
                                    + "; inventory gives it back on OrderCancelled");
            case RESERVED, COMMITTED, RELEASED -> new Unchanged("stock already reserved");
            case REJECTED -> new Refused("StockReserved after inventory rejected the order");
        };
    }

    private Outcome stockRejected(Order order, SagaState state, Instant now, StockRejected rejected) {
        return switch (state.stock()) {
            case PENDING -> {
                SagaState next = state.withStock(Steps.Stock.REJECTED);
                String shortLines = rejected.lines().stream()
                        .map(l -> l.sku() + " (" + l.requested() + " asked, " + l.available() + " available)")
                        .reduce((a, b) -> a + ", " + b).orElse("no line named");
                if (state.status() != OrderStatus.PLACED) {
                    yield new Applied(next, List.of(), "stock rejected after the order was " + state.status());
                }
                if (order.paidElsewhere()) {
                    yield new Applied(next.needingAttention(OUT_OF_STOCK + ": " + shortLines), List.of(),
                            "out of stock for a paid marketplace order: " + shortLines + "; a person must decide");
                }
                yield cancel(order, next, now, OUT_OF_STOCK, "out of stock: " + shortLines);
            }
            case REJECTED -> new Unchanged("stock already rejected");
            case RESERVED, COMMITTED, RELEASED -> new Refused("StockRejected after inventory reserved the order");
        };
    }

    private Outcome stockReleased(Order order, SagaState state, Instant now, StockReleased released) {
        return switch (state.stock()) {
            case RESERVED -> {
                SagaState next = state.withStock(Steps.Stock.RELEASED);
                if (state.status() == OrderStatus.CANCELLED || state.status() == OrderStatus.REFUNDED) {
                    yield new Applied(next, List.of(), "stock given back (" + released.reason() + ")");
                }
                if (state.status().isBeforePayment()) {
                    // inventory's sweeper gave the stock back before the payment came: nothing left to sell
                    yield cancel(order, next, now, STOCK_EXPIRED,
                            "stock given back by inventory (" + released.reason() + ") before payment");
                }
                // inventory gave the stock back (expired) before OrderConfirmed reached it: it answers that with
                // StockCommitRefused, on the same partition after this event, and the saga acts then
                yield new Applied(next, List.of(), "stock given back by inventory (" + released.reason()
                        + ") after the order was paid; inventory's refusal to commit follows");
            }
            case RELEASED -> new Unchanged("stock already given back");
            case PENDING -> new Parked("StockReserved");
            case COMMITTED -> new Refused("StockReleased after the stock was committed");
            case REJECTED -> new Refused("StockReleased for an order whose stock was rejected");
        };
    }

    private Outcome stockCommitted(SagaState state) {
        return switch (state.stock()) {
            case RESERVED -> state.status().isPaid()
                    ? new Applied(state.withStock(Steps.Stock.COMMITTED), List.of(), "stock committed")
                    : new Refused("StockCommitted for an order that is " + state.status());
            case COMMITTED -> new Unchanged("stock already committed");
            case PENDING -> new Parked("StockReserved");
            case REJECTED, RELEASED -> new Refused("StockCommitted for an order whose stock is " + state.stock());
        };
    }

    /**
     * Inventory could not commit a paid order's stock: the reservation was given back (expired, released) before
     * OrderConfirmed reached it. A store must not keep money for goods it cannot send, so a paid order that the
     * workshop has not begun is cancelled (STOCK_LOST) and refunded in full. A re-reservation is not tried: inventory
     * answers a second OrderPlaced with its first decision, and the units may be sold to someone else by now.
     * Once the workshop has begun, or when the money was taken on a marketplace, a person decides (attention).
     */
    private Outcome stockCommitRefused(Order order, SagaState state, Instant now, StockCommitRefused refused) {
        if (STOCK_LOST.equals(state.cancelReason())
                || (state.attention() != null && state.attention().startsWith(STOCK_LOST))) {
            return new Unchanged("the lost stock is already dealt with");
        }
        String what = "inventory refused to commit the stock (" + refused.reason() + ")";
        return switch (state.status()) {
            case PAID -> switch (state.stock()) {
                case RESERVED, RELEASED -> {
                    SagaState lost = state.withStock(Steps.Stock.RELEASED);
                    if (order.paidElsewhere()) {
                        yield new Applied(lost.needingAttention(STOCK_LOST + ": refund it on " + order.channel()
                                + " or find the goods"), List.of(), what + " for a marketplace order; a person must "
                                + "refund it on " + order.channel() + " or find the goods");
                    }
                    yield loseStock(order, lost, now, what);
                }
                case COMMITTED -> new Refused("StockCommitRefused after inventory committed the stock");
                case PENDING, REJECTED -> new Refused("StockCommitRefused for a paid order whose stock is "
                        + state.stock());
            };
            case PROCESSING, SHIPPED, DELIVERED -> new Applied(state.needingAttention(STOCK_LOST + ": the order is "
                    + state.status() + "; refund it or find the goods"), List.of(), what + " after the workshop began ("
                    + state.status() + "); a person must decide");
            case PLACED, AWAITING_PAYMENT, CANCELLED, REFUNDED -> new Refused("StockCommitRefused for an order that is "
                    + state.status() + " and was never confirmed");
        };
    }

    /** The paid order's goods are gone: cancelled, and every penny of the payment goes back. */
    private Applied loseStock(Order order, SagaState state, Instant now, String what) {
        Money paid = order.totals().total();
        OrderCancelled cancelled = new OrderCancelled(order.id(), order.number(), STOCK_LOST, now, order.email(),
                order.cartId(), order.couponCode(), true);
        List<DomainEvent> events = state.paymentId() == null
                ? List.of(cancelled)
                : List.of(cancelled, new RefundRequested(order.id(), order.number(), refundIdOf(state.paymentId()),
                        state.paymentId(), paid, STOCK_LOST, now));
        return new Applied(state.cancelled(STOCK_LOST).withPayment(Steps.Payment.REFUND_REQUESTED), events,
                what + "; cancelled (" + STOCK_LOST + ") and " + paid + " to be refunded");
    }

    // ---- step: coupon ------------------------------------------------------------------------------------------

    private Outcome couponRedeemed(Order order, SagaState state, Instant now, CouponRedeemed redeemed) {
        return switch (state.coupon()) {
            case PENDING -> state.status() == OrderStatus.PLACED
                    ? proceed(order, state.withCoupon(Steps.Coupon.REDEEMED), now, "coupon " + redeemed.code()
                            + " redeemed")
                    : new Applied(state.withCoupon(Steps.Coupon.REDEEMED), List.of(), "coupon redeemed after the "
                            + "order was " + state.status() + "; cart gives it back on OrderCancelled");
            case REDEEMED, RELEASED -> new Unchanged("coupon already redeemed");
            case NONE -> new Refused("CouponRedeemed for an order without a coupon");
            case REJECTED -> new Refused("CouponRedeemed after cart rejected the coupon");
        };
    }

    private Outcome couponRejected(Order order, SagaState state, Instant now, CouponRejected rejected) {
        return switch (state.coupon()) {
            case PENDING -> {
                SagaState next = state.withCoupon(Steps.Coupon.REJECTED);
                if (state.status() != OrderStatus.PLACED) {
                    yield new Applied(next, List.of(), "coupon rejected after the order was " + state.status());
                }
                yield cancel(order, next, now, COUPON_UNAVAILABLE,
                        "coupon " + rejected.code() + " rejected (" + rejected.reason() + ")");
            }
            case REJECTED -> new Unchanged("coupon already rejected");
            case NONE -> new Refused("CouponRejected for an order without a coupon");
            case REDEEMED, RELEASED -> new Refused("CouponRejected after cart redeemed the coupon");
        };
    }

    private Outcome couponReleased(SagaState state) {
        return switch (state.coupon()) {
            case REDEEMED -> state.status() == OrderStatus.CANCELLED || state.status() == OrderStatus.REFUNDED
                    ? new Applied(state.withCoupon(Steps.Coupon.RELEASED), List.of(), "coupon given back")
                    : new Refused("CouponReleased for an order that is " + state.status());
            case RELEASED -> new Unchanged("coupon already given back");
            case PENDING -> new Parked("CouponRedeemed");
            case NONE -> new Refused("CouponReleased for an order without a coupon");
            case REJECTED -> new Refused("CouponReleased for a coupon cart rejected");
        };
    }

    /** Stock and coupon are both taken: ask for the payment, or for a marketplace order confirm it at once. */
    private Applied proceed(Order order, SagaState state, Instant now, String what) {
        boolean couponDone = state.coupon() == Steps.Coupon.NONE || state.coupon() == Steps.Coupon.REDEEMED;
        if (state.stock() != Steps.Stock.RESERVED || !couponDone) {
            return new Applied(state, List.of(), what + "; waiting for " + (state.stock() == Steps.Stock.RESERVED
                    ? "the coupon" : "the stock"));
        }
        if (order.paidElsewhere()) {
            return new Applied(state.withStatus(OrderStatus.PAID).withDeadline(null), List.of(confirmed(order, now)),
                    what + "; paid on " + order.channel());
        }
        String returnUrl = order.returnUrl();
        PaymentRequested request = new PaymentRequested(order.id(), order.number(), order.totals().total(),
                paymentMethodOf(order), order.email(), now, order.lines(), order.totals(), order.giftCardCode(),
                returnUrl, returnUrl == null ? null : returnUrl + (returnUrl.contains("?") ? "&" : "?")
                        + "cancelled=true");
        return new Applied(state.withPayment(Steps.Payment.REQUESTED).withDeadline(now.plus(paymentTimeout)),
                List.of(request), what + "; payment asked for");
    }

    private static String paymentMethodOf(Order order) {
        return order.paymentMethod() == null ? "card" : order.paymentMethod();
    }

    // ---- step: payment -----------------------------------------------------------------------------------------

    private Outcome sessionCreated(SagaState state, PaymentSessionCreated session) {
        return switch (state.payment()) {
            case REQUESTED -> {
                SagaState next = state.withPayment(Steps.Payment.SESSION_OPEN).withPaymentId(session.paymentId())
                        .withRedirect(session.redirectUrl());
                yield state.status() == OrderStatus.PLACED
                        ? new Applied(next.withStatus(OrderStatus.AWAITING_PAYMENT), List.of(),
                                "payment session opened at " + session.provider())
                        : new Applied(next, List.of(), "payment session opened after the order was "
                                + state.status() + "; payment expires it on OrderCancelled");
            }
            case NOT_REQUESTED -> state.status() == OrderStatus.CANCELLED
                    ? new Refused("PaymentSessionCreated for a cancelled order whose payment was never asked for")
                    : new Parked("PaymentRequested");
            case SESSION_OPEN, PAID, FAILED, REFUND_REQUESTED, REFUNDED -> new Unchanged("payment session already known");
            case TAKEN_ELSEWHERE -> new Refused("PaymentSessionCreated for an order paid on another channel");
        };
    }

    private Outcome paymentSucceeded(Order order, SagaState state, Instant now, PaymentSucceeded paid) {
        if (state.status() == OrderStatus.REFUNDED || state.payment() == Steps.Payment.PAID) {
            return paid.paymentId().equals(state.paymentId())
                    ? new Unchanged("payment already recorded")
                    : refund(order, state, now, paid, "a second payment " + paid.paymentId() + " for the order");
        }
        if (state.status() == OrderStatus.CANCELLED) {
            return switch (state.payment()) {
                case REFUND_REQUESTED, REFUNDED -> new Unchanged("the late payment is already being refunded");
                case TAKEN_ELSEWHERE -> new Refused("PaymentSucceeded for an order paid on another channel");
                default -> refund(order, state.withPayment(Steps.Payment.REFUND_REQUESTED)
                        .withPaymentId(paid.paymentId()), now, paid, "payment of " + paid.amount()
                        + " came after the order was cancelled");
            };
        }
        return switch (state.payment()) {
            // without a gift card, payment always opens a session first: a success before it is early
            case REQUESTED -> order.giftCardCode() == null
                    ? new Parked("PaymentSessionCreated")
                    : pay(order, state, now, paid);
            case SESSION_OPEN -> pay(order, state, now, paid);
            case NOT_REQUESTED -> new Parked("PaymentRequested");
            case PAID -> new Unchanged("payment already recorded");
            case FAILED, REFUND_REQUESTED, REFUNDED -> new Refused("PaymentSucceeded for a payment that is "
                    + state.payment() + " on a " + state.status() + " order");
            case TAKEN_ELSEWHERE -> new Refused("PaymentSucceeded for an order paid on another channel");
        };
    }

    /** A payment the order must not keep goes back: one refund per payment, however often it is redelivered. */
    private Applied refund(Order order, SagaState next, Instant now, PaymentSucceeded paid, String what) {
        return new Applied(next, List.of(new RefundRequested(order.id(), order.number(), refundIdOf(paid),
                paid.paymentId(), paid.amount(), "LATE_PAYMENT", now)), what + "; refund asked for");
    }

    private Applied pay(Order order, SagaState state, Instant now, PaymentSucceeded paid) {
        SagaState next = state.withPayment(Steps.Payment.PAID).withPaymentId(paid.paymentId())
                .withStatus(OrderStatus.PAID).withDeadline(null);
        return new Applied(next, List.of(confirmed(order, now)), "paid " + paid.amount() + " by " + paid.provider());
    }

    private Outcome paymentFailed(Order order, SagaState state, Instant now, PaymentFailed failed) {
        return switch (state.payment()) {
            case REQUESTED -> order.giftCardCode() == null && state.status() == OrderStatus.PLACED
                    ? new Parked("PaymentSessionCreated")
                    : failPayment(order, state, now, failed);
            case SESSION_OPEN -> failPayment(order, state, now, failed);
            case NOT_REQUESTED -> state.status() == OrderStatus.CANCELLED
                    ? new Refused("PaymentFailed for a cancelled order whose payment was never asked for")
                    : new Parked("PaymentRequested");
            case FAILED -> new Unchanged("payment already failed");
            case PAID, REFUND_REQUESTED, REFUNDED -> new Unchanged("a failed attempt after the payment went through");
            case TAKEN_ELSEWHERE -> new Refused("PaymentFailed for an order paid on another channel");
        };
    }

    private Outcome failPayment(Order order, SagaState state, Instant now, PaymentFailed failed) {
        SagaState next = state.withPayment(Steps.Payment.FAILED);
        if (state.status() != OrderStatus.PLACED && state.status() != OrderStatus.AWAITING_PAYMENT) {
            return new Applied(next, List.of(), "payment failed after the order was " + state.status());
        }
        return cancel(order, next, now, PAYMENT_FAILED, "payment failed (" + failed.reason() + ")");
    }

    private Outcome paymentRefunded(SagaState state, PaymentRefunded refunded) {
        if (state.status() == OrderStatus.REFUNDED) {
            return new Unchanged("refund already recorded");
        }
        if (state.status() == OrderStatus.CANCELLED) {
            return switch (state.payment()) {
                case REFUND_REQUESTED, REQUESTED, SESSION_OPEN -> new Applied(
                        state.withPayment(Steps.Payment.REFUNDED).withStatus(OrderStatus.REFUNDED), List.of(),
                        "refunded " + refunded.amount() + " (" + refunded.reason() + ")");
                default -> new Refused("PaymentRefunded for a cancelled order whose payment is " + state.payment());
            };
        }
        if (state.status().isPaid()) {
            return new Applied(state, List.of(), "refunded " + refunded.amount() + " (" + refunded.reason() + ")");
        }
        return new Refused("PaymentRefunded for an order that is " + state.status() + " and was never paid");
    }

    // ---- the shopper and the clock -----------------------------------------------------------------------------

    private Outcome cancelRequested(Order order, SagaState state, Instant now, CancelRequested request) {
        if (state.status() == OrderStatus.CANCELLED || state.status() == OrderStatus.REFUNDED) {
            return new Unchanged("already cancelled");
        }
        if (!state.status().isBeforePayment() || order.paidElsewhere()) {
            return new Refused("the order is " + state.status() + " and can no longer be cancelled by the shopper");
        }
        return cancel(order, state, now, CUSTOMER, "cancelled by " + request.by());
    }

    private Outcome deadlinePassed(Order order, SagaState state, Instant now) {
        Instant deadline = state.deadline();
        if (deadline == null || now.isBefore(deadline) || !state.status().isBeforePayment()) {
            return new Unchanged("no step is overdue");
        }
        String reason;
        if (state.stock() == Steps.Stock.PENDING) {
            reason = STOCK_TIMEOUT;
        } else if (state.coupon() == Steps.Coupon.PENDING) {
            reason = COUPON_TIMEOUT;
        } else {
            reason = PAYMENT_TIMEOUT;
        }
        if (order.paidElsewhere()) {
            return new Applied(state.needingAttention(reason), List.of(),
                    "no answer in time for a paid marketplace order (" + reason + "); a person must decide");
        }
        return cancel(order, state, now, reason, "no answer before " + deadline);
    }

    // ---- compensation ------------------------------------------------------------------------------------------

    /**
     * Cancels the order: OrderCancelled makes inventory release the stock, cart release the coupon and reopen
     * the cart, payment expire its session. Their answers (StockReleased, CouponReleased) are recorded as they come.
     */
    private Applied cancel(Order order, SagaState state, Instant now, String reason, String what) {
        OrderCancelled cancelled = new OrderCancelled(order.id(), order.number(), reason, now, order.email(),
                order.cartId(), order.couponCode(), false);
        return new Applied(state.cancelled(reason), List.of(cancelled), what + "; cancelled (" + reason + ")");
    }

    private static OrderConfirmed confirmed(Order order, Instant now) {
        return new OrderConfirmed(order.id(), order.number(), order.channel(), order.email(), order.lines(),
                order.totals().total(), now, order.customerId(), order.cartId(), order.couponCode(), order.totals(),
                order.shippingAddress(), order.gift());
    }

    // the refund of a given payment has one id, however often the payment is redelivered
    private static UUID refundIdOf(PaymentSucceeded paid) {
        return refundIdOf(paid.paymentId());
    }

    private static UUID refundIdOf(UUID paymentId) {
        return UUID.nameUUIDFromBytes(("refund:" + paymentId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The name of an input in the timeline. */
    static String nameOf(Object input) {
        return input.getClass().getSimpleName();
    }

    /** Inputs that are events of other services. */
    static final List<Class<? extends DomainEvent>> ANSWERS = List.of(StockReserved.class, StockRejected.class,
            StockReleased.class, StockCommitted.class, StockCommitRefused.class, CouponRedeemed.class, CouponRejected.class,
            CouponReleased.class, PaymentSessionCreated.class, PaymentSucceeded.class, PaymentFailed.class,
            PaymentRefunded.class);
}
