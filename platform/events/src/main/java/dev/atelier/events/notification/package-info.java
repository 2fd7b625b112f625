/**
 * notification-service's events: on {@code notification.email}, what became of each e-mail; on
 * {@code notification.consent}, the marketing-consent answers given at notification (unsubscribe, double opt-in).
 */
@NullMarked
package dev.atelier.events.notification;

import org.jspecify.annotations.NullMarked;
