/** Staff's category API and the storefront's tree. */
@NullMarked
package dev.atelier.catalog.category.web;

import org.jspecify.annotations.NullMarked;
