/**
 * The wire-compatibility check of event contracts: a canonical description of each released version and the
 * rules that tell an allowed change from a breaking one.
 */
@NullMarked
package dev.atelier.events.schema;

import org.jspecify.annotations.NullMarked;
