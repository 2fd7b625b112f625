package dev.atelier.inventory.stock;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What staff do to stock by hand: register SKUs, receive deliveries, correct counts, set reorder policies. */
@Service
public class StockAdministration {

    private final Stock stock;

    StockAdministration(Stock stock) {
        this.stock = stock;
    }

    @Transactional
    public StockFigures register(String sku, long reorderPoint, long reorderQuantity) {
        if (!stock.register(sku, reorderPoint, reorderQuantity)) {
            throw new StockConflictException("SKU " + sku + " is already stocked");
        }
        return stock.find(sku).orElseThrow();
    }

    @Transactional
    public StockFigures receive(String sku, long quantity, String actor, @Nullable String reference,
            @Nullable String note) {
        requirePositive(quantity, "quantity");
        return stock.receive(sku, quantity, actor, reference, note)
                .orElseThrow(() -> new UnknownSkuException(sku));
    }

    /** Returned goods back on the shelf. */
    @Transactional
    public StockFigures restock(String sku, long quantity, String actor, String reason, @Nullable String reference) {
        requirePositive(quantity, "quantity");
        return stock.restock(sku, quantity, actor, reason, reference)
                .orElseThrow(() -> new UnknownSkuException(sku));
    }

    @Transactional
    public StockFigures adjust(String sku, long delta, String actor, String reason) {
        if (delta == 0) {
            throw new IllegalArgumentException("delta must not be zero");
        }
        Objects.requireNonNull(reason, "reason");
        return stock.adjust(sku, delta, actor, reason)
                .orElseThrow(() -> stock.find(sku)
                        .<RuntimeException>map(figures -> new StockConflictException("adjusting " + sku + " by " + delta
                                + " would leave " + (figures.onHand() + delta) + " on hand with " + figures.reserved()
                                + " reserved"))
                        .orElseGet(() -> new UnknownSkuException(sku)));
    }

    @Transactional
    public StockFigures setReorderPolicy(String sku, long reorderPoint, long reorderQuantity) {
        if (!stock.setReorderPolicy(sku, reorderPoint, reorderQuantity)) {
            throw new UnknownSkuException(sku);
        }
        return stock.find(sku).orElseThrow();
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
