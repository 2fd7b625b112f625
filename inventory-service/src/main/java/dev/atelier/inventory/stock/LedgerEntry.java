package dev.atelier.inventory.stock;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One row of a SKU's ledger. */
public record LedgerEntry(long id, String sku, LedgerKind kind, long onHandDelta, long reservedDelta, String actor,
        @Nullable String reason, @Nullable String reference, Instant at) {
}
