/** The auto-configuration that gives a service its outbox, relay and inbox. */
@NullMarked
package dev.atelier.messaging.config;

import org.jspecify.annotations.NullMarked;
