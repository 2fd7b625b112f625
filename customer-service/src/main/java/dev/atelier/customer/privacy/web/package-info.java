/** The data export and erasure API under /api/account. */
@NullMarked
package dev.atelier.customer.privacy.web;

import org.jspecify.annotations.NullMarked;
