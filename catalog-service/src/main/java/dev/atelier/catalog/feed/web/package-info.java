/** GET /api/catalog/feeds/google.xml and GET /api/catalog/sitemap. */
@NullMarked
package dev.atelier.catalog.feed.web;

import org.jspecify.annotations.NullMarked;
