/** Sales velocity, days of stock left and reorder suggestions. */
@NullMarked
package dev.atelier.inventory.forecast;

import org.jspecify.annotations.NullMarked;
