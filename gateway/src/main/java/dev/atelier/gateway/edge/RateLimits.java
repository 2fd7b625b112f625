package dev.atelier.gateway.edge;

import dev.atelier.gateway.edge.EdgeProperties.RateLimit;
import dev.atelier.gateway.state.JdbcBuckets;
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
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits per client with Bucket4j (a signed-in account, or else the client's address): a strict budget for the doors attackers knock on (sign-in, sign-up,
 * password reset, checkout, gift-card balance, uploads) and a generous one for everything else; provider
 * webhooks are exempt (their signature is their guard, and a provider retries what we refuse). A refusal is a
 * 429 problem+json with {@code Retry-After}. The strict budgets live in the gateway's database ({@link JdbcBuckets},
 * Bucket4j compare-and-swap), so they hold across replicas; the default flood guard stays in each replica's memory
 * ({@link InMemoryBuckets}), as it sits on every request and a per-replica budget suits its purpose.
 */
@Component
class RateLimits implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    /** The generous flood guard, per replica: at N replicas a client gets N times it, which is what it is for. */
    static final String DEFAULT_POLICY = "default";

    private final InMemoryBuckets buckets = new InMemoryBuckets();
    private final JdbcBuckets shared;
    private final Map<String, RateLimit> limits;
    private final Duration longestWindow;

    RateLimits(EdgeProperties edge, JdbcBuckets shared) {
        this.shared = shared;
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
        exchange.getResponse().getHeaders().set("RateLimit-Policy", limit.requests() + ";w=" + limit.per().toSeconds());
        Mono<String> client = DEFAULT_POLICY.equals(policy.get()) ? Mono.just(clientOf(exchange.getRequest()))
                : accountOrAddress(exchange);
        return client.flatMap(who -> consume(policy.get(), policy.get() + ":" + who, limit))
                .flatMap(probe -> probe.isConsumed() ? chain.filter(exchange) : refuse(exchange, policy.get(), probe));
    }

    /**
     * A signed-in caller is limited per account (changing address does not reset the budget, and colleagues behind
     * one office address do not share it); anyone else per address. This filter runs before Spring Security, so
     * the account is read from the session the way the security context will be.
     */
    static Mono<String> accountOrAddress(ServerWebExchange exchange) {
        String address = clientOf(exchange.getRequest());
        if (exchange.getRequest().getCookies().getFirst(dev.atelier.gateway.state.SessionConfiguration.COOKIE) == null) {
            return Mono.just(address);
        }
        return exchange.getSession().map(session -> {
            Object context = session.getAttribute(
                    WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
            if (context instanceof SecurityContext security && security.getAuthentication() != null
                    && security.getAuthentication().isAuthenticated()) {
                return "account:" + security.getAuthentication().getName();
            }
            return address;
        }).defaultIfEmpty(address).onErrorReturn(address);
    }

    /**
     * The strict budgets are drawn from the store every replica shares; if that store fails, this replica's own
     * buckets keep limiting (per replica) rather than letting everything through or refusing everyone.
     */
    private Mono<ConsumptionProbe> consume(String policy, String key, RateLimit limit) {
        if (DEFAULT_POLICY.equals(policy)) {
            return Mono.just(buckets.getProxy(key, () -> configuration(limit)).tryConsumeAndReturnRemaining(1));
        }
        return Mono.fromFuture(() -> shared.batched(key, () -> configuration(limit)).tryConsumeAndReturnRemaining(1))
                .onErrorResume(failure -> {
                    log.warn("the shared rate-limit store failed ({}); limiting {} on this replica only",
                            failure.toString(), policy);
                    return Mono.just(buckets.getProxy(key, () -> configuration(limit)).tryConsumeAndReturnRemaining(1));
                });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String policy, ConsumptionProbe probe) {
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        log.info("rate limit {} reached by {}", policy, clientOf(exchange.getRequest()));
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
            if (path.equals("/signup") || path.equals("/api/notifications/subscriptions")) {
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
        return Optional.of(DEFAULT_POLICY);
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
