/** ArchUnit rules every service applies to its own code. */
@NullMarked
package dev.atelier.testing.architecture;

import org.jspecify.annotations.NullMarked;
