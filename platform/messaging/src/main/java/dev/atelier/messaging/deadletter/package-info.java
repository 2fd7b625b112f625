/** A service's dead letters: listing them with their reasons and replaying them through the inbox once fixed. */
@NullMarked
package dev.atelier.messaging.deadletter;

import org.jspecify.annotations.NullMarked;
