package dev.atelier.inventory.stock;

/** One change to apply to a SKU, with what the ledger records about it. */
public record StockChange(String sku, LedgerKind kind, long onHandDelta, long reservedDelta, String actor,
        String reason, String reference) {
}
