/** catalog-service's events on {@code catalog.product}: what can be sold, at what price, made of what. */
@NullMarked
package dev.atelier.events.catalog;

import org.jspecify.annotations.NullMarked;
