package dev.atelier.events.order;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventContract;
import dev.atelier.events.Money;
import dev.atelier.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Staff approved a return: notification tells the shopper ({@code customerEmail}) what to send back, by when
 * ({@code returnBy}), where to ({@code returnAddress}, the store's own address when null) and the refund to expect
 * once the parcel arrives ({@code refundAmount}, the value of the returned units; the refund itself may be less after
 * inspection).
 */
@EventContract(name = "ReturnApproved", version = 1, topic = Topics.ORDER_ORDER)
public record ReturnApproved(UUID orderId, String orderNumber, UUID returnId, String customerEmail,
        @Nullable UUID customerId, List<ReturnLine> lines, Money refundAmount, Instant returnBy,
        @Nullable String returnAddress, String approvedBy, Instant approvedAt) implements DomainEvent {

    public ReturnApproved {
        lines = List.copyOf(lines);
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
