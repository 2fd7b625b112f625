package dev.atelier.order.fulfilment;

import dev.atelier.order.checkout.OrderStatus;
import java.util.Collection;

/** Where one line of a paid order is in the workshop; a line only moves forward (a stocked item may skip production). */
public enum LineStatus {
    PENDING, IN_PRODUCTION, READY, SHIPPED, DELIVERED;

    boolean canMoveTo(LineStatus next) {
        return next.ordinal() > ordinal();
    }

    /** The order's status that follows from its lines: DELIVERED when all are, SHIPPED when all left, else PROCESSING. */
    static OrderStatus orderStatusOf(Collection<LineStatus> lines) {
        if (lines.stream().allMatch(l -> l == DELIVERED)) {
            return OrderStatus.DELIVERED;
        }
        if (lines.stream().allMatch(l -> l == SHIPPED || l == DELIVERED)) {
            return OrderStatus.SHIPPED;
        }
        if (lines.stream().allMatch(l -> l == PENDING)) {
            return OrderStatus.PAID;
        }
        return OrderStatus.PROCESSING;
    }
}
