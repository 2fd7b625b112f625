/** The consent API under /api/account/consent. */
@NullMarked
package dev.atelier.customer.consent.web;

import org.jspecify.annotations.NullMarked;
