package dev.atelier.cart.personalisation;

/** catalog-service does not know the SKU. */
public class UnknownSkuException extends RuntimeException {

    public UnknownSkuException(String sku) {
        super("catalog does not know SKU " + sku);
    }
}
