package dev.atelier.notification.template;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail before rendering: the template's name ({@code mail/html/<name>.html} and {@code mail/text/<name>.txt}),
 * its subject, the short preview line clients show beside it, the template's variables, and for marketing mail the
 * signed unsubscribe link that goes in the footer and the List-Unsubscribe header.
 */
public record Mail(String template, String subject, String preheader, Map<String, Object> variables,
        @Nullable String unsubscribeUrl) {

    public Mail {
        // a template variable may be null (no tracking link, no gift message): Map.copyOf would refuse it
        variables = Collections.unmodifiableMap(new HashMap<>(variables));
    }

    public Mail withUnsubscribeUrl(String url) {
        return new Mail(template, subject, preheader, variables, url);
    }
}
