/**
 * Who may receive marketing mail: consent per address (granted, withdrawn) and signed one-click unsubscribe links
 * (RFC 8058).
 */
@NullMarked
package dev.atelier.notification.consent;

import org.jspecify.annotations.NullMarked;
