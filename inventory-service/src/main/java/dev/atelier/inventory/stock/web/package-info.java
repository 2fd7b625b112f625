/** Staff's stock API and the stock feature's problem types. */
@NullMarked
package dev.atelier.inventory.stock.web;

import org.jspecify.annotations.NullMarked;
