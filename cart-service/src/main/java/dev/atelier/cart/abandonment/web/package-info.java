/** The abandonment API: unsubscribes and the back-office's figures. */
@NullMarked
package dev.atelier.cart.abandonment.web;

import org.jspecify.annotations.NullMarked;
