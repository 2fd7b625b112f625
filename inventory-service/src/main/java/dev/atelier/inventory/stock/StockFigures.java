package dev.atelier.inventory.stock;

/** The figures of one SKU at one moment; available is what can still be promised to an order. */
public record StockFigures(String sku, long onHand, long reserved, long reorderPoint, long reorderQuantity) {

    public long available() {
        return onHand - reserved;
    }

    public boolean isLow() {
        return available() <= reorderPoint;
    }

    StockFigures withDeltas(long onHandDelta, long reservedDelta) {
        return new StockFigures(sku, onHand + onHandDelta, reserved + reservedDelta, reorderPoint, reorderQuantity);
    }
}
