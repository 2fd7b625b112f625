/** The local stack launcher behind {@code ./atelier}: embedded infrastructure plus supervised service processes. */
@NullMarked
package dev.atelier.local;

import org.jspecify.annotations.NullMarked;
