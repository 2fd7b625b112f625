package dev.atelier.gateway.edge;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.gateway.chat.*}: the optional Tawk.to live chat. Off unless a property id is set; when on, the pages
 * carry the widget's address (loaded by the page only after marketing consent) and the CSP allows Tawk.to's hosts.
 *
 * @param tawkPropertyId the Tawk.to property id
 * @param tawkWidgetId the widget of that property
 */
@ConfigurationProperties("atelier.gateway.chat")
public record ChatProperties(@Nullable String tawkPropertyId, @DefaultValue("default") String tawkWidgetId) {

    public boolean enabled() {
        return tawkPropertyId != null && !tawkPropertyId.isBlank();
    }

    public @Nullable String scriptUrl() {
        return enabled() ? "https://embed.tawk.to/" + tawkPropertyId + "/" + tawkWidgetId : null;
    }
}
