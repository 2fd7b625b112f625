/** The admin's HTTP API for orders: view, search, move lines, ship, deliver, shipping labels. */
@NullMarked
package dev.atelier.order.fulfilment.web;

import org.jspecify.annotations.NullMarked;
