/** Staff's bundle API. */
@NullMarked
package dev.atelier.inventory.bundle.web;

import org.jspecify.annotations.NullMarked;
