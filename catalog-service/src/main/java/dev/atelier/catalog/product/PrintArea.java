package dev.atelier.catalog.product;

/**
 * Where a personalisation option's photo or text is printed on the product, in per cent of the product's main
 * picture: the left edge {@code x}, the top edge {@code y}, the width and the height. The storefront's live preview
 * draws the shopper's photo (fitted at its own aspect ratio) or text there, so the preview shows it where the
 * workshop prints it.
 */
public record PrintArea(int x, int y, int width, int height) {
}
