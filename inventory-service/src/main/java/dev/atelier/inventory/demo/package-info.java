/** Demo stock for the local store. */
@NullMarked
package dev.atelier.inventory.demo;

import org.jspecify.annotations.NullMarked;
