package dev.atelier.notification.template;

/** A rendered e-mail: subject, HTML part and plain-text part. */
public record RenderedMail(String subject, String html, String text) {
}
