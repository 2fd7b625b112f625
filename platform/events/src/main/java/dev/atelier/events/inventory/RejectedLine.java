package dev.atelier.events.inventory;

/** A line that could not be reserved: what the order asked for and what was available at that moment. */
public record RejectedLine(String sku, int requested, long available) {
}
