/** Shoppers' reviews of products: written with a customer's token, moderated by staff, rated on the product. */
@NullMarked
package dev.atelier.catalog.review;

import org.jspecify.annotations.NullMarked;
