package dev.atelier.notification.bounce;

import dev.atelier.notification.email.EmailBounces;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads delivery status notifications (RFC 3464: {@code multipart/report; report-type=delivery-status}) and traces
 * each to the e-mail it reports on: first by the VERP envelope address the report was delivered to
 * ({@code bounces+<id>@…} in Delivered-To, X-Original-To, Envelope-To or To), then by the returned original
 * headers ({@code X-Atelier-Email-Id}, or the Message-ID {@code <id@domain>} this service sets). Only recipients
 * whose Action is {@code failed} count: {@code delayed}, {@code delivered}, {@code relayed} and {@code expanded}
 * are not bounces.
 */
final class DeliveryReports {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern VERP = Pattern.compile("\\+(" + UUID_TEXT.pattern() + ")@");
    private static final Pattern MESSAGE_ID = Pattern.compile("<(" + UUID_TEXT.pattern() + ")@");
    private static final String[] ENVELOPE_HEADERS = {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To",
            "To"};

    private DeliveryReports() {
    }

    /** What a message in the bounce mailbox says: its failed recipients, or nothing when it is no traceable DSN. */
    static List<DeliveryReport> read(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")
                || !"delivery-status".equalsIgnoreCase(new ContentType(message.getContentType())
                        .getParameter("report-type"))
                || !(message.getContent() instanceof Multipart report)) {
            return List.of();
        }
        List<InternetHeaders> status = List.of();
        InternetHeaders original = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                status = blocks(part);
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")
                    || part.isMimeType("message/rfc822-headers")) {
                try (InputStream in = part.getInputStream()) {
                    original = new InternetHeaders(in);
                }
            }
        }
        UUID emailId = fromEnvelope(message);
        if (emailId == null && original != null) {
            emailId = fromOriginal(original);
        }
        if (emailId == null || status.size() < 2) {
            return List.of();
        }
        List<DeliveryReport> failed = new ArrayList<>();
        // the first block describes the message, each following one a recipient
        for (InternetHeaders recipient : status.subList(1, status.size())) {
            String action = field(recipient, "Action");
            String finalRecipient = address(field(recipient, "Final-Recipient"));
            if (!"failed".equalsIgnoreCase(action) || finalRecipient == null) {
                continue;
            }
            String code = field(recipient, "Status");
            String diagnostic = field(recipient, "Diagnostic-Code");
            failed.add(new DeliveryReport(emailId, finalRecipient, code == null ? "5.0.0" : code.strip(),
                    diagnostic == null ? "no diagnostic given" : diagnostic.replaceAll("\\s+", " ").strip()));
        }
        return failed;
    }

    // the delivery-status body: header-like blocks separated by blank lines
    private static List<InternetHeaders> blocks(Part part) throws MessagingException, IOException {
        byte[] body;
        try (InputStream in = part.getInputStream()) {
            body = in.readAllBytes();
        }
        List<InternetHeaders> blocks = new ArrayList<>();
        try (ByteArrayInputStream in = new ByteArrayInputStream(body)) {
            while (in.available() > 0) {
                InternetHeaders block = new InternetHeaders(in);
                if (block.getAllHeaderLines().hasMoreElements()) {
                    blocks.add(block);
                }
            }
        }
        return blocks;
    }

    private static @Nullable UUID fromEnvelope(MimeMessage message) throws MessagingException {
        for (String name : ENVELOPE_HEADERS) {
            String[] values = message.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                Matcher verp = VERP.matcher(value);
                if (verp.find()) {
                    return UUID.fromString(verp.group(1));
                }
            }
        }
        return null;
    }

    private static @Nullable UUID fromOriginal(InternetHeaders original) {
        String correlation = original.getHeader(EmailBounces.CORRELATION_HEADER, null);
        if (correlation != null && UUID_TEXT.matcher(correlation.strip()).matches()) {
            return UUID.fromString(correlation.strip());
        }
        String messageId = original.getHeader("Message-ID", null);
        if (messageId != null) {
            Matcher id = MESSAGE_ID.matcher(messageId);
            if (id.find()) {
                return UUID.fromString(id.group(1));
            }
        }
        return null;
    }

    private static @Nullable String field(InternetHeaders block, String name) {
        return block.getHeader(name, " ");
    }

    // "rfc822; someone@example.com" → someone@example.com
    private static @Nullable String address(@Nullable String typed) {
        if (typed == null) {
            return null;
        }
        int semicolon = typed.indexOf(';');
        String address = (semicolon < 0 ? typed : typed.substring(semicolon + 1)).strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        return address.isEmpty() ? null : address.toLowerCase(Locale.ROOT);
    }
}
