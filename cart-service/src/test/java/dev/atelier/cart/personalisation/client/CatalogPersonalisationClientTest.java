package dev.atelier.cart.personalisation.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.cart.CatalogStub;
import dev.atelier.cart.personalisation.CatalogUnavailableException;
import dev.atelier.cart.personalisation.Personalisation;
import dev.atelier.cart.personalisation.UnknownSkuException;
import dev.atelier.events.Money;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.client.RestClient;

/**
 * The client itself, without a Spring context: catalog's answers, its silence within the read timeout, and more
 * calls at once than the pool has connections.
 */
class CatalogPersonalisationClientTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    private final CatalogStub stub = CatalogStub.get();
    private final CatalogPersonalisationClient client = new CatalogPersonalisationClient(
            new StaticListableBeanFactory().getBeanProvider(RestClient.Builder.class),
            CircuitBreakerRegistry.ofDefaults(),
            new CatalogProperties(stub.baseUrl(), Duration.ofMillis(500), READ_TIMEOUT, Duration.ofSeconds(7), 50,
                    10, Duration.ofSeconds(2), 2));

    @AfterEach
    void close() throws Exception {
        client.destroy();
    }

    @Test
    void readsCatalogsVerdictAndRefusesAnUnknownSku() {
        String sku = "CLIENT-" + UUID.randomUUID();
        stub.accepts(sku, 300, Map.of("name", "Name"));
        String unknown = "CLIENT-UNKNOWN-" + UUID.randomUUID();
        stub.doesNotKnow(unknown);

        Personalisation.Verdict verdict = client.validate(sku, Map.of("name", "Ann"));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.priceDelta()).contains(Money.gbp(300));
        assertThat(verdict.labels()).containsEntry("name", "Name");
        assertThatThrownBy(() -> client.validate(unknown, Map.of("name", "Ann")))
                .isInstanceOf(UnknownSkuException.class);
    }

    @Test
    void aCatalogThatDoesNotAnswerWithinTheReadTimeoutIsUnavailableWithRetryAfter() {
        String sku = "CLIENT-SLOW-" + UUID.randomUUID();
        stub.isSlowFor(sku, Duration.ofSeconds(3));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.validate(sku, Map.of("name", "Ann")))
                .isInstanceOfSatisfying(CatalogUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the shopper waits for the timeout, not for catalog")
                .isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void moreCallsAtOnceThanConnectionsWaitForOneAndAllAreAnswered() throws Exception {
        String sku = "CLIENT-BUSY-" + UUID.randomUUID();
        stub.accepts(sku, 0, Map.of());

        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> client.validate(sku, Map.of("name", "Ann")).valid());
        }
        try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> answer : shoppers.invokeAll(calls)) {
                assertThat(answer.get()).isTrue();
            }
        }
        assertThat(stub.callsFor(sku)).isEqualTo(12);
    }
}
