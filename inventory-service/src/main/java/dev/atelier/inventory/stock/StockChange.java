package dev.atelier.inventory.stock;

import org.jspecify.annotations.Nullable;

/**
 * One change to apply to a SKU, with what the ledger records about it; made only by the named operations below,
 * which fix the signs of the deltas for each kind.
 */
record StockChange(String sku, LedgerKind kind, long onHandDelta, long reservedDelta, String actor,
        @Nullable String reason, @Nullable String reference) {

    static StockChange reserve(String sku, long quantity, String actor, String orderId) {
        return new StockChange(sku, LedgerKind.RESERVE, 0, quantity, actor, null, orderId);
    }

    static StockChange commit(String sku, long quantity, String actor, String orderId) {
        return new StockChange(sku, LedgerKind.COMMIT, -quantity, -quantity, actor, null, orderId);
    }

    static StockChange release(String sku, long quantity, String actor, String note, String orderId) {
        return new StockChange(sku, LedgerKind.RELEASE, 0, -quantity, actor, note, orderId);
    }

    static StockChange expire(String sku, long quantity, String actor, String note, String orderId) {
        return new StockChange(sku, LedgerKind.EXPIRE, 0, -quantity, actor, note, orderId);
    }

    static StockChange receive(String sku, long quantity, String actor, @Nullable String note,
            @Nullable String reference) {
        return new StockChange(sku, LedgerKind.RECEIVE, quantity, 0, actor, note, reference);
    }

    static StockChange restock(String sku, long quantity, String actor, String reason, @Nullable String reference) {
        return new StockChange(sku, LedgerKind.RETURN, quantity, 0, actor, reason, reference);
    }

    static StockChange adjust(String sku, long delta, String actor, String reason) {
        return new StockChange(sku, LedgerKind.ADJUST, delta, 0, actor, reason, null);
    }
}
