/** The public availability endpoint. */
@NullMarked
package dev.atelier.inventory.availability.web;

import org.jspecify.annotations.NullMarked;
