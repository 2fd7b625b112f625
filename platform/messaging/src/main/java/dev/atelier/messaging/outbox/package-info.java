/** Publishing: events recorded in the business transaction. */
@NullMarked
package dev.atelier.messaging.outbox;

import org.jspecify.annotations.NullMarked;
