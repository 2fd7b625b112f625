package dev.atelier.inventory.stock.web;

import dev.atelier.inventory.stock.StockFigures;

/** A SKU's figures as the admin API shows them. */
record StockView(String sku, long onHand, long reserved, long available, long reorderPoint, long reorderQuantity,
        boolean low) {

    static StockView of(StockFigures figures) {
        return new StockView(figures.sku(), figures.onHand(), figures.reserved(), figures.available(),
                figures.reorderPoint(), figures.reorderQuantity(), figures.isLow());
    }
}
