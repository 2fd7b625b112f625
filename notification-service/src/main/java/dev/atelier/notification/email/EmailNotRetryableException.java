package dev.atelier.notification.email;

/** Only a FAILED or BOUNCED e-mail can be retried: a queued one is on its way, a sent one must not go twice. */
public class EmailNotRetryableException extends RuntimeException {

    private final EmailEntry email;

    public EmailNotRetryableException(EmailEntry email) {
        super("e-mail " + email.id() + " is " + email.status() + "; only FAILED or BOUNCED e-mails can be retried");
        this.email = email;
    }

    public EmailEntry email() {
        return email;
    }
}
