package dev.atelier.gateway.edge;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each service answers, {@code atelier.services.<key>.url}: the launcher's addresses locally
 * ({@code ATELIER_SERVICES_CATALOG_URL} and so on), Kubernetes Service names in production.
 */
@ConfigurationProperties("atelier")
public record ServiceLocations(Map<String, Location> services) {

    public record Location(URI url) {
    }

    public URI of(String service) {
        Location location = services.get(service);
        if (location == null) {
            throw new IllegalStateException("no location configured for service '" + service
                    + "': set atelier.services." + service + ".url");
        }
        return location.url();
    }
}
