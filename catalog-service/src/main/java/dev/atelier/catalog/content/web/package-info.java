/** Staff's content API under /api/admin/catalog/content and the storefront's reads under /api/catalog/content. */
@NullMarked
package dev.atelier.catalog.content.web;

import org.jspecify.annotations.NullMarked;
