/** Staff's occasion API and the storefront's list. */
@NullMarked
package dev.atelier.catalog.occasion.web;

import org.jspecify.annotations.NullMarked;
