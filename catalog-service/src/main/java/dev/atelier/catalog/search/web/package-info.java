/** GET /api/catalog/products and /api/catalog/facets. */
@NullMarked
package dev.atelier.catalog.search.web;

import org.jspecify.annotations.NullMarked;
