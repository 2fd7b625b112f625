/** HTTP adapters of the checkout: placing an order, its status, its live updates, the shopper's cancel. */
@NullMarked
package dev.atelier.order.checkout.web;

import org.jspecify.annotations.NullMarked;
