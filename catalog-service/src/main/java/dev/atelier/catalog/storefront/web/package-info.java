/** Rendered storefront reads as HTTP answers, with their ETags. */
@NullMarked
package dev.atelier.catalog.storefront.web;

import org.jspecify.annotations.NullMarked;
