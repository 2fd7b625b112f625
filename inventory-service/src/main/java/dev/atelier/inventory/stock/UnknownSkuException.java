package dev.atelier.inventory.stock;

/** A SKU this service does not stock. */
public class UnknownSkuException extends RuntimeException {

    private final String sku;

    public UnknownSkuException(String sku) {
        super("no stock item with SKU " + sku);
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
