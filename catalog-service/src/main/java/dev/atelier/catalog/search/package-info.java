/** The storefront's listing: filters, sorts, cursor pages, facets and full-text search in PostgreSQL. */
@NullMarked
package dev.atelier.catalog.search;

import org.jspecify.annotations.NullMarked;
