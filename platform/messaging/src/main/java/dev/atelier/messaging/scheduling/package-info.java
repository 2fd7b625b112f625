/** One replica at a time for each scheduled job: ShedLock's lock provider on the service's database. */
@NullMarked
package dev.atelier.messaging.scheduling;

import org.jspecify.annotations.NullMarked;
