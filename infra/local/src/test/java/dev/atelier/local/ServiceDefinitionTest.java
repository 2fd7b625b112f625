package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServiceDefinitionTest {

    @Test
    void knowsEveryServiceWithItsPortAndDatabase() {
        assertThat(ServiceDefinition.standard())
                .extracting(ServiceDefinition::name, ServiceDefinition::port, ServiceDefinition::database)
                .containsExactly(
                        tuple("catalog-service", 8081, "catalog"),
                        tuple("cart-service", 8082, "cart"),
                        tuple("inventory-service", 8083, "inventory"),
                        tuple("order-service", 8084, "orders"),
                        tuple("payment-service", 8085, "payment"),
                        tuple("notification-service", 8086, "notification"),
                        tuple("marketplace-sync-service", 8087, "marketplace"),
                        tuple("customer-service", 8088, "customer"),
                        tuple("back-office", 8089, "backoffice"),
                        tuple("gateway", 8080, "gateway"));
        assertThat(ServiceDefinition.standard()).allSatisfy(service -> assertThat(service.module()).isEqualTo(service.name()));
    }

    @Test
    void namesTheUrlVariablesTheWaySpringBindsThem() {
        assertThat(ServiceDefinition.standard()).extracting(ServiceDefinition::urlVariable).containsExactly(
                "ATELIER_SERVICES_CATALOG_URL", "ATELIER_SERVICES_CART_URL", "ATELIER_SERVICES_INVENTORY_URL",
                "ATELIER_SERVICES_ORDER_URL", "ATELIER_SERVICES_PAYMENT_URL", "ATELIER_SERVICES_NOTIFICATION_URL",
                "ATELIER_SERVICES_MARKETPLACESYNC_URL", "ATELIER_SERVICES_CUSTOMER_URL", "ATELIER_SERVICES_BACKOFFICE_URL",
                "ATELIER_SERVICES_GATEWAY_URL");
        assertThat(ServiceDefinition.standard().get(2).url()).isEqualTo("http://localhost:8083");
    }

    @Test
    void existsOnceItsModuleHasAPom(@org.junit.jupiter.api.io.TempDir Path repository) throws Exception {
        ServiceDefinition catalog = ServiceDefinition.standard().getFirst();
        assertThat(catalog.existsIn(repository)).isFalse();
        Files.createDirectories(repository.resolve("catalog-service"));
        assertThat(catalog.existsIn(repository)).isFalse();
        Files.writeString(repository.resolve("catalog-service/pom.xml"), "<project/>");
        assertThat(catalog.existsIn(repository)).isTrue();
    }

    @Test
    void isTheSameListAsTheScriptBuildsFrom() throws Exception {
        String script = Files.readString(Path.of("../../atelier"));
        Matcher services = Pattern.compile("(?s)\\nSERVICES=\\(([^)]*)\\)").matcher(script);
        assertThat(services.find()).as("SERVICES=(...) in ./atelier").isTrue();
        List<String> inScript = Arrays.stream(services.group(1).trim().split("\\s+")).toList();
        assertThat(inScript).containsExactlyElementsOf(ServiceDefinition.standard().stream().map(ServiceDefinition::module).toList());
    }
}
