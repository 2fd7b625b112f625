package dev.atelier.notification.email;

/**
 * Where an e-mail is: waiting for the sender job, being handed to SMTP, accepted, given up, bounced (reported
 * later by the provider), or never sent because the address unsubscribed from marketing mail.
 */
public enum EmailStatus {
    QUEUED,
    SENDING,
    SENT,
    FAILED,
    BOUNCED,
    SUPPRESSED
}
