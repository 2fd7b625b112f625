package dev.atelier.notification.email;

import dev.atelier.events.notification.EmailFailed;
import dev.atelier.events.notification.EmailSent;
import dev.atelier.messaging.outbox.EventIds;
import dev.atelier.messaging.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round of the sender job: claim due e-mails, hand them to the SMTP server over one connection, record each
 * outcome with its EmailSent or EmailFailed event. The claim is committed before SMTP is spoken to, so a sender
 * that dies mid-way leaves SENDING rows that {@link Emails#releaseExpiredClaims()} hands back after the lease:
 * at most one more delivery, with the same Message-ID, and the log counts it.
 */
@Component
class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private final Emails emails;
    private final Outbox outbox;
    private final JavaMailSenderImpl mail;
    private final SenderProperties properties;
    private final TransactionTemplate transaction;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Counter sentCount;
    private final Counter retriedCount;
    private final Counter failedCount;
    private final Timer latency;

    EmailSender(Emails emails, Outbox outbox, JavaMailSenderImpl mail, SenderProperties properties,
            TransactionTemplate transaction, MeterRegistry meters) throws AddressException {
        // Jakarta Mail looks its stream provider up through the ServiceLoader for every body part it creates or writes
        // unless this property names it; in a Spring Boot jar each look-up scans the nested jars (measured: the
        // largest cost of sending). Angus Mail is the provider on the classpath.
        System.getProperties().putIfAbsent(STREAM_PROVIDER, MailStreamProvider.class.getName());
        this.emails = emails;
        this.outbox = outbox;
        this.mail = mail;
        this.properties = properties;
        this.transaction = transaction;
        this.from = new InternetAddress(properties.from(), true);
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
        this.sentCount = meters.counter("atelier.notification.emails", "outcome", "sent");
        this.retriedCount = meters.counter("atelier.notification.emails", "outcome", "retry");
        this.failedCount = meters.counter("atelier.notification.emails", "outcome", "failed");
        this.latency = Timer.builder("atelier.notification.email.latency")
                .description("from the e-mail being queued (its cause's transaction) to the SMTP server's acceptance")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Sends up to one batch; returns how many e-mails it claimed. */
    int sendDueBatch() {
        List<Emails.Claimed> claimed = emails.claimDue(properties.batchSize(), properties.lease());
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, Emails.Claimed> messages = new IdentityHashMap<>();
        List<Failure> failures = new ArrayList<>();
        for (Emails.Claimed email : claimed) {
            try {
                messages.put(message(email), email);
            } catch (MessagingException | MailException | IllegalArgumentException e) {
                failures.add(new Failure(email, describe(e), true));
            }
        }
        Map<Object, Exception> refused = send(messages);
        Instant acceptedAt = Instant.now();
        List<Emails.Sent> sent = new ArrayList<>();
        messages.forEach((message, email) -> {
            Exception error = refused.get(message);
            if (error == null) {
                sent.add(new Emails.Sent(email, messageId(message), acceptedAt));
            } else {
                failures.add(new Failure(email, describe(error), isPermanent(error)));
            }
        });
        transaction.executeWithoutResult(status -> record(sent, failures));
        sent.forEach(s -> {
            Instant queuedAt = EventIds.timestampOf(s.email().id());
            if (queuedAt != null) {
                latency.record(Duration.between(queuedAt, s.sentAt()));
            }
        });
        return claimed.size();
    }

    private Map<Object, Exception> send(Map<MimeMessage, Emails.Claimed> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        try {
            mail.send(messages.keySet().toArray(MimeMessage[]::new));
            return Map.of();
        } catch (MailSendException e) {
            if (!e.getFailedMessages().isEmpty()) {
                return e.getFailedMessages();
            }
            return everyMessage(messages, e);
        } catch (MailException e) {
            return everyMessage(messages, e);
        }
    }

    private static Map<Object, Exception> everyMessage(Map<MimeMessage, Emails.Claimed> messages, Exception e) {
        Map<Object, Exception> all = new IdentityHashMap<>();
        messages.keySet().forEach(m -> all.put(m, e));
        return all;
    }

    private void record(List<Emails.Sent> sent, List<Failure> failures) {
        if (!sent.isEmpty()) {
            emails.markSent(sent);
            for (Emails.Sent s : sent) {
                Emails.Claimed e = s.email();
                outbox.record(new EmailSent(e.id(), e.template(), e.recipient(), e.attempts(), s.providerMessageId(),
                        e.orderId(), e.cartId(), e.customerId(), s.sentAt()));
            }
            sentCount.increment(sent.size());
        }
        for (Failure failure : failures) {
            Emails.Claimed e = failure.email();
            if (failure.permanent() || e.attemptsThisRound() >= properties.maxAttempts()) {
                emails.markFailed(e.id(), failure.error());
                outbox.record(new EmailFailed(e.id(), e.template(), e.recipient(), e.attempts(), failure.error(),
                        e.orderId(), e.cartId(), e.customerId(), Instant.now()));
                failedCount.increment();
                log.warn("E-mail {} ({}) FAILED after {} attempt(s): {}", e.id(), e.template(), e.attempts(),
                        failure.error());
            } else {
                Duration delay = properties.backoffAfter(e.attemptsThisRound());
                emails.markForRetry(e.id(), failure.error(), delay);
                retriedCount.increment();
                log.info("E-mail {} ({}) not accepted on attempt {}, next in {}: {}", e.id(), e.template(),
                        e.attempts(), delay, failure.error());
            }
        }
    }

    private MimeMessage message(Emails.Claimed email) throws MessagingException {
        StableIdMessage message = new StableIdMessage(mail.getSession(), "<" + email.id() + "@" + messageIdDomain + ">");
        String envelopeFrom = properties.envelopeSenderFor(email.id());
        if (envelopeFrom != null) {
            message.setEnvelopeFrom(envelopeFrom);
        }
        // built by hand rather than with MimeMessageHelper, which loads a new MIME type map (resources found through
        // the ServiceLoader) for every message that is not its sender's own: that was most of the sender's CPU time
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.recipient(), true));
        message.setSubject(email.subject(), UTF_8);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), UTF_8, "html");
        // multipart/alternative: the plain text first, the richer HTML last (the one clients prefer)
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.setHeader("X-Atelier-Template", email.template());
        // a bounce report returns the original headers: this finds the row when the envelope address did not help
        message.setHeader(EmailBounces.CORRELATION_HEADER, email.id().toString());
        return message;
    }

    private static String messageId(MimeMessage message) {
        try {
            String id = message.getMessageID();
            return id == null ? "" : id;
        } catch (MessagingException e) {
            return "";
        }
    }

    // a refusal for good (5xx, an address the server or the parser rejects) fails at once; anything else is retried
    private static boolean isPermanent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressException) {
                return true;
            }
            if (cause instanceof SendFailedException && smtpReturnCode(cause) >= 500) {
                return true;
            }
            if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != cause && isPermanent(messaging.getNextException())) {
                return true;
            }
        }
        return false;
    }

    // the SMTP provider's exceptions (Angus Mail's SMTPSendFailedException) carry the reply code; the API does not
    private static int smtpReturnCode(Throwable error) {
        try {
            return (Integer) error.getClass().getMethod("getReturnCode").invoke(error);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return -1;
        }
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 900; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !text.toString().contains(message)) {
                text.append(text.isEmpty() ? "" : ": ").append(message.strip());
            }
        }
        String described = text.isEmpty() ? error.getClass().getSimpleName() : text.toString();
        return described.length() > 1000 ? described.substring(0, 1000) : described;
    }

    private record Failure(Emails.Claimed email, String error, boolean permanent) {
    }

    /**
     * Keeps the Message-ID this service chose, so that a re-sent e-mail can be recognised as the same one; an
     * {@link SMTPMessage} so that each message carries its own envelope sender (the bounce address).
     */
    private static final class StableIdMessage extends SMTPMessage {

        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
