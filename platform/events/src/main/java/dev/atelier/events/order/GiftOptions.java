package dev.atelier.events.order;

import org.jspecify.annotations.Nullable;

/** The shopper's gift choices: wrapping, a plain-text message for the card, and prices hidden on the packing slip. */
public record GiftOptions(boolean wrap, @Nullable String message, boolean hidePrices) {
}
