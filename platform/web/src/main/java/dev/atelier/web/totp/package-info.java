/**
 * RFC 6238 time-based one-time codes, the staff second factor: computed once here for customer-service (which
 * checks them), catalog-service's demo seeder and the tests and benchmarks (which type them).
 */
@NullMarked
package dev.atelier.web.totp;

import org.jspecify.annotations.NullMarked;
