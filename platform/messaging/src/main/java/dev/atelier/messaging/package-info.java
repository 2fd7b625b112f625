/** What the outbox, the relay and the inbox share: the event headers. */
@NullMarked
package dev.atelier.messaging;

import org.jspecify.annotations.NullMarked;
