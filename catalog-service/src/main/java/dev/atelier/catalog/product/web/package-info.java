/** Staff's product API under /api/admin/catalog/products and the storefront's product detail. */
@NullMarked
package dev.atelier.catalog.product.web;

import org.jspecify.annotations.NullMarked;
