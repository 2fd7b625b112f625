/** Contracts published by inventory-service. */
@NullMarked
package dev.atelier.events.inventory;

import org.jspecify.annotations.NullMarked;
