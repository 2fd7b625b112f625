/** What every web adapter of this service shares: problem+json and cursor pages. */
@NullMarked
package dev.atelier.inventory.web;

import org.jspecify.annotations.NullMarked;
