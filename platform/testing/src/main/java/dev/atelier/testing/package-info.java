/** Embedded Kafka and PostgreSQL for tests and the local launcher, and helpers to play and await events. */
@NullMarked
package dev.atelier.testing;

import org.jspecify.annotations.NullMarked;
