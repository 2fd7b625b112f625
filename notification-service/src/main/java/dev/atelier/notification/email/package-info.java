/** The e-mail log: every e-mail as a row, queued in the cause's transaction and delivered by the sender job. */
@NullMarked
package dev.atelier.notification.email;

import org.jspecify.annotations.NullMarked;
