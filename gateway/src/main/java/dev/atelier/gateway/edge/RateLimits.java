package dev.atelier.gateway.edge;

import dev.atelier.gateway.edge.EdgeProperties.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits per client with Bucket4j: a strict budget for the doors attackers knock on (sign-in, sign-up,
 * password reset, checkout, gift-card balance, uploads) and a generous one for everything else; provider
 * webhooks are exempt (their signature is their guard, and a provider retries what we refuse). A refusal is a
 * 429 problem+json with {@code Retry-After}. Buckets live behind Bucket4j's {@code ProxyManager}, so a shared store makes
 * the same limits hold across replicas ({@link InMemoryBuckets} is one replica's).
 */
@Component
class RateLimits implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final InMemoryBuckets buckets = new InMemoryBuckets();
    private final Map<String, RateLimit> limits;
    private final Duration longestWindow;

    RateLimits(EdgeProperties edge) {
        this.limits = Map.copyOf(edge.rateLimits());
        this.longestWindow = limits.values().stream().map(RateLimit::per).max(Duration::compareTo)
                .orElse(Duration.ofMinutes(1));
    }

    @Scheduled(fixedDelayString = "PT1M")
    void forgetIdleClients() {
        buckets.forgetIdle(longestWindow);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> policy = policyOf(exchange.getRequest());
        if (policy.isEmpty() || !limits.containsKey(policy.get())) {
            return chain.filter(exchange);
        }
        RateLimit limit = limits.get(policy.get());
        String key = policy.get() + ":" + clientOf(exchange.getRequest());
        ConsumptionProbe probe = buckets.getProxy(key, () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
        exchange.getResponse().getHeaders().set("RateLimit-Policy", limit.requests() + ";w=" + limit.per().toSeconds());
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        log.info("rate limit {} reached by {}", policy.get(), clientOf(exchange.getRequest()));
        return EdgeProblems.write(exchange, EdgeProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                "Too many requests", "too many requests of this kind from you; try again in "
                        + Math.max(1, wait.toSeconds()) + " s"), wait.plusSeconds(1));
    }

    /** Which budget a request draws on, if any. */
    static Optional<String> policyOf(ServerHttpRequest request) {
        String path = request.getPath().value();
        HttpMethod method = request.getMethod();
        if (path.startsWith("/webhooks/") || path.startsWith("/actuator/")) {
            return Optional.empty();
        }
        if (HttpMethod.POST.equals(method)) {
            if (path.equals("/login")) {
                return Optional.of("sign-in");
            }
            if (path.equals("/signup")) {
                return Optional.of("sign-up");
            }
            if (path.startsWith("/password")) {
                return Optional.of("password");
            }
            if (path.equals("/api/checkout")) {
                return Optional.of("checkout");
            }
            MediaType type = request.getHeaders().getContentType();
            if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
                return Optional.of("upload");
            }
        }
        if (path.startsWith("/api/payments/gift-cards/")) {
            return Optional.of("gift-card");
        }
        return Optional.of("default");
    }

    /** The client's address as the edge sees it (behind a proxy, after Boot applies the forwarded headers). */
    static String clientOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
                .build();
    }
}
