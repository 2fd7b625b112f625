/** catalog-service: products, categories, occasions, personalisation, search and the stock read model. */
@NullMarked
package dev.atelier.catalog;

import org.jspecify.annotations.NullMarked;
