package dev.atelier.gateway.storefront;

import dev.atelier.gateway.storefront.Services.ServiceAnswer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The services' answers that are the same for every shopper, shared between pages for {@code
 * atelier.storefront.shared-reads-for} (5 s): the home page asks catalog for its shelves, categories and occasions
 * once per interval, not four times per page. Concurrent first askers share one call; a refusal or a service that
 * does not answer is never kept, so the next page asks again. The price is staleness: a change in catalog (a new
 * product, a renamed category, the best sellers' order) reaches the home page up to that long after, per gateway
 * instance. Keys are a fixed set of paths (each kept for the gateway's life), never a shopper's input.
 */
@Component
class SharedReads {

    private final Duration keptFor;
    private final Map<String, Mono<ServiceAnswer>> answers = new ConcurrentHashMap<>();

    SharedReads(@Value("${atelier.storefront.shared-reads-for:5s}") Duration keptFor) {
        this.keptFor = keptFor;
    }

    /** The answer under {@code key}: the kept one while it is fresh, else {@code call}'s (kept when it is a success). */
    Mono<ServiceAnswer> get(String key, Supplier<Mono<ServiceAnswer>> call) {
        return answers.computeIfAbsent(key, k -> Mono.defer(call)
                .cache(answer -> answer.ok() ? keptFor : Duration.ZERO, error -> Duration.ZERO, () -> Duration.ZERO));
    }
}
