package dev.atelier.order.checkout;

import dev.atelier.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * What a shopper may see and do with their order: its status and timeline, and cancelling it before paying. A
 * guest proves the order is theirs with its token; anyone else is told the order does not exist.
 */
@Service
public class OrderTracking {

    /**
     * An order as it stands: its facts, its status and how it got there. {@code version} is that of the status read
     * (it grows with every transition); the timeline is of the same snapshot.
     */
    public record OrderDetails(Order order, OrderStatus status, @Nullable String cancelReason,
            @Nullable String paymentRedirectUrl, @Nullable String attention, List<Orders.TimelineEntry> timeline,
            long version) {
    }

    private final Orders orders;
    private final OrderTokens tokens;
    private final SagaCoordinator coordinator;

    OrderTracking(Orders orders, OrderTokens tokens, SagaCoordinator coordinator) {
        this.orders = orders;
        this.tokens = tokens;
        this.coordinator = coordinator;
    }

    /** The order, if {@code token} is its token: one statement, the status and timeline of one snapshot. */
    public Optional<OrderDetails> find(UUID orderId, @Nullable String token) {
        if (!tokens.matches(orderId, token)) {
            return Optional.empty();
        }
        return orders.track(orderId).map(this::details);
    }

    /** The order, if it belongs to the signed-in customer. */
    public Optional<OrderDetails> findForCustomer(UUID orderId, UUID customerId) {
        return orders.track(orderId).filter(tracked -> customerId.equals(tracked.order().customerId()))
                .map(this::details);
    }

    private OrderDetails details(Orders.Tracked tracked) {
        SagaState state = tracked.state();
        return new OrderDetails(tracked.order(), state.status(), state.cancelReason(), state.paymentRedirectUrl(),
                state.attention(), tracked.timeline(), tracked.version());
    }

    /** Cancels the order for the shopper before payment; a paid order is a 409. */
    public OrderDetails cancel(UUID orderId, @Nullable String token) {
        if (!tokens.matches(orderId, token) || orders.state(orderId).isEmpty()) {
            throw unknown(orderId);
        }
        Outcome outcome = coordinator.onCommand(orderId, new SagaCommands.CancelRequested("the shopper"));
        if (outcome instanceof Outcome.Refused refused) {
            throw ProblemException.conflict("order-not-cancellable", refused.reason());
        }
        return find(orderId, token).orElseThrow(() -> unknown(orderId));
    }

    /** The version of each order's state; it grows with every transition. */
    public Map<UUID, Long> versions(List<UUID> orderIds) {
        return orders.versions(orderIds);
    }

    public static ProblemException unknown(UUID orderId) {
        return ProblemException.notFound("unknown-order", "there is no order " + orderId + " for this token");
    }
}
