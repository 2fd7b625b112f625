/**
 * What every service's HTTP API shares: problem+json for every kind of bad request ({@link ProblemException},
 * the auto-configured advice and error controller), signed cursor pages ({@link CursorPage}, {@link Cursors}) and
 * the actor of an admin change ({@link Actors}).
 */
@NullMarked
package dev.atelier.web;

import org.jspecify.annotations.NullMarked;
