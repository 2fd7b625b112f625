/** Consuming: handlers applied once per event in one transaction with the inbox row, retries, dead letters. */
@NullMarked
package dev.atelier.messaging.inbox;

import org.jspecify.annotations.NullMarked;
