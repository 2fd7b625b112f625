package dev.atelier.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A service of the platform as the launcher knows it: its Maven module, its local port and its database
 * ({@code null} for a service that has none; the gateway keeps its sessions in one).
 */
record ServiceDefinition(String name, String module, int port, @Nullable String database) {

    private static final String SUFFIX = "-service";

    /** The platform's services; the gateway last, so that the services behind it come up first. */
    static List<ServiceDefinition> standard() {
        return List.of(
                new ServiceDefinition("catalog-service", "catalog-service", 8081, "catalog"),
                new ServiceDefinition("cart-service", "cart-service", 8082, "cart"),
                new ServiceDefinition("inventory-service", "inventory-service", 8083, "inventory"),
                new ServiceDefinition("order-service", "order-service", 8084, "orders"),
                new ServiceDefinition("payment-service", "payment-service", 8085, "payment"),
                new ServiceDefinition("notification-service", "notification-service", 8086, "notification"),
                new ServiceDefinition("marketplace-sync-service", "marketplace-sync-service", 8087, "marketplace"),
                new ServiceDefinition("customer-service", "customer-service", 8088, "customer"),
                new ServiceDefinition("back-office", "back-office", 8089, "backoffice"),
                new ServiceDefinition("gateway", "gateway", 8080, "gateway"));
    }

    /** The name services use for each other: {@code inventory} for inventory-service, {@code back-office}. */
    String key() {
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    /**
     * The variable carrying this service's URL to the others, bound by Spring to
     * {@code atelier.services.<key>.url} (dashes dropped, as Spring's relaxed binding expects).
     */
    String urlVariable() {
        return "ATELIER_SERVICES_" + key().replace("-", "").toUpperCase(Locale.ROOT) + "_URL";
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** A service exists once its module does, whether or not it has been built. */
    boolean existsIn(Path repository) {
        return Files.isRegularFile(repository.resolve(module).resolve("pom.xml"));
    }
}
