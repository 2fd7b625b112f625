package dev.atelier.catalog.product;

/** What a shopper gives for a personalisation option. */
public enum OptionType {
    TEXT, TEXTAREA, IMAGE, COLOUR, FONT, DROPDOWN, TOGGLE
}
