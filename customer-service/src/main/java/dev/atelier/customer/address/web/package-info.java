/** The addresses API under /api/account/addresses. */
@NullMarked
package dev.atelier.customer.address.web;

import org.jspecify.annotations.NullMarked;
