/**
 * Bounces, whichever provider sends: delivery status notifications (RFC 3464) come back to the envelope sender;
 * a job reads that mailbox over IMAP or POP3 and marks the e-mails they name BOUNCED.
 */
@NullMarked
package dev.atelier.notification.bounce;

import org.jspecify.annotations.NullMarked;
