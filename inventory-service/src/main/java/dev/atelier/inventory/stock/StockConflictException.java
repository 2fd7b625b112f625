package dev.atelier.inventory.stock;

/** A change the figures do not allow, such as adjusting on hand below what is reserved. */
public class StockConflictException extends RuntimeException {

    public StockConflictException(String message) {
        super(message);
    }
}
