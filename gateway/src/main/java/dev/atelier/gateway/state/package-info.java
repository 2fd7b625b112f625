/**
 * What the gateway keeps across requests, restarts and replicas, in its own PostgreSQL database: the sessions of
 * signed-in browsers and the rate limiter's buckets. Nothing else of the gateway touches a database.
 */
@NullMarked
package dev.atelier.gateway.state;

import org.jspecify.annotations.NullMarked;
