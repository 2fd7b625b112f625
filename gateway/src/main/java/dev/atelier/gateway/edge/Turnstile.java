package dev.atelier.gateway.edge;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bot protection on guest checkout with Cloudflare Turnstile, when configured ({@link TurnstileProperties}): a
 * guest's {@code POST /api/checkout} carries the widget's token in {@code X-Turnstile-Token}, the storefront's
 * checkout form in the {@code cf-turnstile-response} field; the gateway verifies it server-side (siteverify, with the
 * client's address) before the order is placed. No token or a refused one → 403 problem+json. Signed-in shoppers
 * are not asked. If Cloudflare does not answer within the timeout the check is skipped and logged: a bot check
 * that is down must not stop every sale (rate limits still apply).
 */
@Component
@EnableConfigurationProperties({TurnstileProperties.class, ChatProperties.class})
class Turnstile implements WebFilter, Ordered {

    static final String HEADER = "X-Turnstile-Token";
    static final String FIELD = "cf-turnstile-response";
    private static final Logger log = LoggerFactory.getLogger(Turnstile.class);

    private final TurnstileProperties properties;
    private final WebClient client;

    Turnstile(TurnstileProperties properties, WebClient.Builder builder) {
        this.properties = properties;
        this.client = builder.clone().build();
    }

    /** After the rate limits and the Origin check, before any route or page. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 45;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled() || !guestCheckout(exchange)) {
            return chain.filter(exchange);
        }
        return RateLimits.accountOrAddress(exchange).flatMap(who -> {
            if (who.startsWith("account:")) {
                return chain.filter(exchange);
            }
            return token(exchange).flatMap(token -> verify(token, RateLimits.clientOf(exchange.getRequest())))
                    .defaultIfEmpty(Verdict.MISSING)
                    .flatMap(verdict -> switch (verdict) {
                        case PASSED, UNAVAILABLE -> chain.filter(exchange);
                        case MISSING -> refuse(exchange, "complete the “I am human” check before placing the order");
                        case REFUSED -> refuse(exchange, "the “I am human” check did not pass; please try it again");
                    });
        });
    }

    enum Verdict { PASSED, REFUSED, MISSING, UNAVAILABLE }

    private static boolean guestCheckout(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && (path.equals("/api/checkout") || path.equals("/checkout"));
    }

    private static Mono<String> token(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (header != null && !header.isBlank()) {
            return Mono.just(header);
        }
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            // the form is read once and cached on the exchange: the checkout page reads the same values after
            return exchange.getFormData().mapNotNull(form -> blankToNull(form.getFirst(FIELD)));
        }
        return Mono.empty();
    }

    Mono<Verdict> verify(String token, String remoteIp) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("secret", properties.secret());
        form.add("response", token);
        form.add("remoteip", remoteIp);
        return client.post().uri(properties.verifyUrl())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve()
                .bodyToMono(Map.class)
                .timeout(properties.timeout())
                .map(answer -> {
                    if (Boolean.TRUE.equals(answer.get("success"))) {
                        return Verdict.PASSED;
                    }
                    log.info("turnstile refused a guest checkout from {}: {}", remoteIp,
                            answer.getOrDefault("error-codes", List.of()));
                    return Verdict.REFUSED;
                })
                .onErrorResume(failure -> {
                    log.warn("turnstile did not answer ({}); the guest checkout from {} goes on unchecked",
                            failure.toString(), remoteIp);
                    return Mono.just(Verdict.UNAVAILABLE);
                });
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        return EdgeProblems.write(exchange, EdgeProblems.problem(HttpStatus.FORBIDDEN, "bot-check", "Human check needed",
                detail), null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
