/** Renders a composed e-mail and queues it, with the unsubscribe headers marketing mail needs. */
@NullMarked
package dev.atelier.notification.dispatch;

import org.jspecify.annotations.NullMarked;
