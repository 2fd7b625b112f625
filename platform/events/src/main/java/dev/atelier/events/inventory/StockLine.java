package dev.atelier.events.inventory;

/** A quantity of one SKU held, released or committed for an order. */
public record StockLine(String sku, int quantity) {
}
