package dev.atelier.notification.email;

import java.util.Map;

/** What an e-mail says: its HTML and plain-text parts and the extra headers it carries. */
public record EmailContent(String html, String text, Map<String, String> headers) {
}
