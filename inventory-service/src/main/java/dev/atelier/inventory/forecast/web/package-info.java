/** Staff's forecast API. */
@NullMarked
package dev.atelier.inventory.forecast.web;

import org.jspecify.annotations.NullMarked;
