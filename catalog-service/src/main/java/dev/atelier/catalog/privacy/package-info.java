/** Customers' data requests (export and erasure) answered for what this service holds: reviews and purchases. */
@NullMarked
package dev.atelier.catalog.privacy;

import org.jspecify.annotations.NullMarked;
