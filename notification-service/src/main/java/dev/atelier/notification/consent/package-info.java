/** Who may receive marketing mail: signed one-click unsubscribe links (RFC 8058). */
@NullMarked
package dev.atelier.notification.consent;

import org.jspecify.annotations.NullMarked;
