package dev.atelier.inventory.stock;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The stock of the SKUs, as the rest of the service sees it: the aggregate boundary. Its figures change only
 * through the operations here, named after what happens to the goods (reserve for an order, commit a paid order,
 * release or expire a reservation, receive a delivery, restock a return, adjust a count); each is one conditional
 * UPDATE that cannot take on hand below zero nor reserved above on hand, with its ledger row and the transaction's
 * stock events. Every operation runs in the caller's transaction.
 */
@Service
public class Stock {

    /** The ledger's actor for what the checkout does to stock. */
    static final String CHECKOUT = "checkout";

    private final StockItems items;

    Stock(StockItems items) {
        this.items = items;
    }

    public Optional<StockFigures> find(String sku) {
        return items.find(sku);
    }

    /** The figures of the stocked SKUs among {@code skus}, by SKU. */
    public List<StockFigures> findAll(Collection<String> skus) {
        return items.findAll(skus);
    }

    public boolean exists(String sku) {
        return items.exists(sku);
    }

    /** All SKUs, by SKU, after {@code afterSku}. */
    public List<StockFigures> page(@Nullable String afterSku, int limit) {
        return items.page(afterSku, limit);
    }

    /** SKUs at or below their reorder point, by SKU, after {@code afterSku}. */
    public List<StockFigures> low(@Nullable String afterSku, int limit) {
        return items.low(afterSku, limit);
    }

    /** Starts stocking a SKU, with nothing on hand; false when it is stocked already. */
    public boolean register(String sku, long reorderPoint, long reorderQuantity) {
        return items.register(sku, reorderPoint, reorderQuantity);
    }

    /**
     * Reads the SKUs' figures and locks their rows until the transaction ends, in SKU order whatever the order of
     * {@code skus}: the one order every transaction of the service locks stock in, so that two of them never wait
     * for each other in a circle.
     */
    public List<StockFigures> lockInSkuOrder(Collection<String> skus) {
        return items.lock(skus);
    }

    /** Holds {@code quantity} units for the order; false (and nothing changed) when fewer are available. */
    public boolean reserve(String sku, int quantity, UUID orderId) {
        return items.apply(StockChange.reserve(sku, quantity, CHECKOUT, orderId.toString())).isPresent();
    }

    /**
     * The paid order's held units leave the shelf: on hand and reserved both go down.
     *
     * @throws IllegalStateException when the units are not held (the reservation's bookkeeping is broken)
     */
    public StockFigures commit(String sku, int quantity, UUID orderId) {
        return held(items.apply(StockChange.commit(sku, quantity, CHECKOUT, orderId.toString())), sku, orderId);
    }

    /**
     * A cancelled order's held units are available again.
     *
     * @throws IllegalStateException when the units are not held
     */
    public StockFigures release(String sku, int quantity, UUID orderId, String note) {
        return held(items.apply(StockChange.release(sku, quantity, CHECKOUT, note, orderId.toString())), sku, orderId);
    }

    /**
     * The held units of an order that was not paid in time are available again.
     *
     * @throws IllegalStateException when the units are not held
     */
    public StockFigures expire(String sku, int quantity, UUID orderId, String note) {
        return held(items.apply(StockChange.expire(sku, quantity, CHECKOUT, note, orderId.toString())), sku, orderId);
    }

    /** A delivery arrived; empty when the SKU is not stocked. */
    public Optional<StockFigures> receive(String sku, long quantity, String actor, @Nullable String reference,
            @Nullable String note) {
        return items.apply(StockChange.receive(sku, quantity, actor, note, reference));
    }

    /** Returned goods are back on the shelf; empty when the SKU is not stocked. */
    public Optional<StockFigures> restock(String sku, long quantity, String actor, String reason,
            @Nullable String reference) {
        return items.apply(StockChange.restock(sku, quantity, actor, reason, reference));
    }

    /** A count corrected by hand; empty when the SKU is not stocked or on hand would fall below reserved. */
    public Optional<StockFigures> adjust(String sku, long delta, String actor, String reason) {
        return items.apply(StockChange.adjust(sku, delta, actor, reason));
    }

    /** Sets when to reorder and how much; false when the SKU is not stocked. */
    public boolean setReorderPolicy(String sku, long reorderPoint, long reorderQuantity) {
        return items.setReorderPolicy(sku, reorderPoint, reorderQuantity);
    }

    private static StockFigures held(Optional<StockFigures> changed, String sku, UUID orderId) {
        return changed.orElseThrow(() -> new IllegalStateException("reserved stock of " + sku + " for order "
                + orderId + " is gone"));
    }
}
