/** HTTP adapters of returns: the shopper's request and the admin's decisions. */
@NullMarked
package dev.atelier.order.returns.web;

import org.jspecify.annotations.NullMarked;
