/** POST /internal/personalisation/validate, called by cart-service. */
@NullMarked
package dev.atelier.catalog.personalisation.web;

import org.jspecify.annotations.NullMarked;
