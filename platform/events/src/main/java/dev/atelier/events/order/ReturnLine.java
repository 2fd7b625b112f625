package dev.atelier.events.order;

import org.jspecify.annotations.Nullable;

/**
 * A line of a return: how many units of an order line come back and why; once received, whether they can be sold
 * again ({@code resellable} is null until the parcel is opened).
 */
public record ReturnLine(java.util.UUID lineId, String sku, int quantity, @Nullable String reason,
        @Nullable Boolean resellable) {
}
