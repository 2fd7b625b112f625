/** The abandoned-cart recovery sequence (marketing mail). */
@NullMarked
package dev.atelier.notification.cart;

import org.jspecify.annotations.NullMarked;
