/** The sandbox's payment page and its buttons. */
@NullMarked
package dev.atelier.payment.sandbox.web;

import org.jspecify.annotations.NullMarked;
