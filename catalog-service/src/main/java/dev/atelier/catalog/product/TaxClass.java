package dev.atelier.catalog.product;

/** The UK VAT rate that applies: standard (20 %) or zero (books, children's clothes), as carts price it. */
public enum TaxClass {
    STANDARD, ZERO
}
