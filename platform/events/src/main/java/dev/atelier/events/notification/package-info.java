/** notification-service's events on {@code notification.email}: what became of each e-mail. */
@NullMarked
package dev.atelier.events.notification;

import org.jspecify.annotations.NullMarked;
