/** What search engines and marketplaces read: the Google Merchant Center product feed and the sitemap's data. */
@NullMarked
package dev.atelier.catalog.feed;

import org.jspecify.annotations.NullMarked;
