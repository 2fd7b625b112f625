/** Contracts published by marketplace-sync (eBay first). */
@NullMarked
package dev.atelier.events.marketplace;

import org.jspecify.annotations.NullMarked;
