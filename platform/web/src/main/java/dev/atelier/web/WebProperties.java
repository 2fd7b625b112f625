package dev.atelier.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code atelier.web.*}: the secret that signs page cursors (the same on every replica of a service; the default
 * is for local runs only) and the largest JSON body a service reads.
 */
@ConfigurationProperties("atelier.web")
public record WebProperties(
        @DefaultValue("local-development-cursor-secret") String cursorSecret,
        @DefaultValue("1MB") DataSize maxJsonBody) {
}
