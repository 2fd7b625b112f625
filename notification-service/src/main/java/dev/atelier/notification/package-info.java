/** notification-service: e-mail from events, templates, the e-mail log with retries, consent and unsubscribe. */
@NullMarked
package dev.atelier.notification;

import org.jspecify.annotations.NullMarked;
