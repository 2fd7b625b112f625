/** The coupon admin API. */
@NullMarked
package dev.atelier.cart.coupon.web;

import org.jspecify.annotations.NullMarked;
