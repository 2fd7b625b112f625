/** Runnable benchmarks of the platform and its services; they print figures, they assert nothing. */
@NullMarked
package dev.atelier.bench;

import org.jspecify.annotations.NullMarked;
