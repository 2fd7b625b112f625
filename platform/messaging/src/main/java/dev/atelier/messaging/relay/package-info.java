/** The Debezium relay from a service's outbox table to Kafka. */
@NullMarked
package dev.atelier.messaging.relay;

import org.jspecify.annotations.NullMarked;
