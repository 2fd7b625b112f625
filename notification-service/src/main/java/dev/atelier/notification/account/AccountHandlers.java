package dev.atelier.notification.account;

import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.notification.dispatch.Cause;
import dev.atelier.notification.dispatch.Dispatcher;
import dev.atelier.notification.email.Category;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * customer-service's events that become e-mail: the sign-up code and the password-reset link (transactional; the
 * code and the link are sent, never logged), and an occasion reminder (marketing, so only to an address that may
 * receive it). Each cause is sent at most once; a new code or link is a new cause.
 */
@Component
@IgnoredEvents(CustomerRegistered.class)
class AccountHandlers {

    private final Dispatcher dispatcher;
    private final Clock clock;

    AccountHandlers(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.clock = Clock.systemUTC();
    }

    @EventHandler
    void on(CustomerVerificationRequested request, EventMetadata metadata) {
        dispatcher.send(AccountMails.signupVerification(request.code(), validFor(request.expiresAt()),
                        dispatcher.templates().branding()), Category.TRANSACTIONAL, request.email(),
                new Cause("verification:" + request.customerId() + ":" + request.expiresAt(), null, null,
                        request.customerId(), metadata.eventId()));
    }

    @EventHandler
    void on(PasswordResetRequested request, EventMetadata metadata) {
        dispatcher.send(AccountMails.passwordReset(request.resetUrl(), validFor(request.expiresAt()),
                        dispatcher.templates().branding()), Category.TRANSACTIONAL, request.email(),
                new Cause("password-reset:" + request.customerId() + ":" + request.expiresAt(), null, null,
                        request.customerId(), metadata.eventId()));
    }

    @EventHandler
    void on(ReminderDue reminder, EventMetadata metadata) {
        Instant day = reminder.occasionDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        dispatcher.send(AccountMails.occasionReminder(reminder.occasion(), reminder.forWhom(), day, List.of(),
                        dispatcher.templates().branding()), Category.MARKETING, reminder.email(),
                new Cause("reminder:" + reminder.reminderId() + ":" + reminder.occasionDate(), null, null,
                        reminder.customerId(), metadata.eventId()));
    }

    private Duration validFor(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
