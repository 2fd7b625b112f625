/** Time-based one-time passwords for staff: enrolment, verification without replay, recovery codes, the first admin. */
@NullMarked
package dev.atelier.customer.totp;

import org.jspecify.annotations.NullMarked;
