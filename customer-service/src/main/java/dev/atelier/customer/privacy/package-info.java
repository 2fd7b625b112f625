/** Data export and erasure requests (GDPR Art. 15, 17, 20): this service's part and the events for the others. */
@NullMarked
package dev.atelier.customer.privacy;

import org.jspecify.annotations.NullMarked;
