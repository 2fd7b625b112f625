/** The category tree. */
@NullMarked
package dev.atelier.catalog.category;

import org.jspecify.annotations.NullMarked;
