package dev.atelier.notification.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Delivery status notifications as a receiving MTA (here: Postfix's wording) writes them, RFC 3464. */
final class Dsns {

    private Dsns() {
    }

    /** A report on one recipient, delivered to {@code to}, returning the original message's headers. */
    static MimeMessage report(String to, String finalRecipient, String action, String status, String diagnostic,
            String originalHeaders) {
        String raw = """
                Return-Path: <>
                Delivered-To: %1$s
                From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Date: Sun, 22 Nov 2026 14:30:00 +0000
                Message-ID: <20261122143000.4F2C81A0@mx.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="=_dsn_7f3a"

                This is a MIME-encapsulated message.

                --=_dsn_7f3a
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not be delivered to one or more recipients.

                --=_dsn_7f3a
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Sun, 22 Nov 2026 14:29:58 +0000

                Final-Recipient: rfc822; %2$s
                Original-Recipient: rfc822;%2$s
                Action: %3$s
                Status: %4$s
                Remote-MTA: dns; mail.example.co.uk
                Diagnostic-Code: smtp; %5$s

                --=_dsn_7f3a
                Content-Type: text/rfc822-headers

                %6$s
                --=_dsn_7f3a--
                """.formatted(to, finalRecipient, action, status, diagnostic, originalHeaders)
                .replace("\n", "\r\n");
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String originalHeaders(String messageId, String to) {
        return "From: Atelier <hello@atelier.example>\nTo: " + to + "\nSubject: Your order is confirmed\nMessage-ID: "
                + messageId + "\n";
    }
}
