/**
 * A guest's opt-in to marketing mail by double opt-in (PECR): a request sends a confirmation e-mail with a signed,
 * expiring link; only the click on it grants consent.
 */
@NullMarked
package dev.atelier.notification.subscription;

import org.jspecify.annotations.NullMarked;
