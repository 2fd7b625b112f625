package dev.atelier.gateway.edge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * At sign-in the shopper's anonymous basket becomes (or joins) their account's basket: cart-service's
 * {@code POST /internal/carts/merge}, then the {@code cart_id} cookie points at the account's cart. A cart-service
 * that does not answer never blocks a sign-in: the shopper keeps the anonymous basket, and the log says so.
 */
@Component
class CartHandOver {

    static final String CART_COOKIE = "cart_id";
    private static final Logger log = LoggerFactory.getLogger(CartHandOver.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final WebClient cart;
    private final EdgeProperties edge;

    CartHandOver(WebClient.Builder builder, ServiceLocations locations, EdgeProperties edge) {
        this.cart = builder.clone().baseUrl(locations.of("cart").toString()).build();
        this.edge = edge;
    }

    record Merged(UUID cartId) {
    }

    Mono<Void> handOver(ServerWebExchange exchange, Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcUser user)) {
            return Mono.empty();
        }
        UUID customerId;
        try {
            customerId = UUID.fromString(user.getSubject());
        } catch (IllegalArgumentException notACustomer) {
            return Mono.empty();
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(CART_COOKIE);
        UUID anonymous = parse(cookie == null ? null : cookie.getValue());
        Map<String, Object> body = new LinkedHashMap<>();
        // no basket yet: a fresh id finds none, and the merge answers with the account's cart (or a new one)
        body.put("anonymousCartId", anonymous != null ? anonymous : UUID.randomUUID());
        body.put("customerId", customerId);
        if (user.getEmail() != null) {
            body.put("email", user.getEmail());
        }
        return cart.post().uri("/internal/carts/merge")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Merged.class)
                .timeout(TIMEOUT)
                .doOnNext(merged -> {
                    exchange.getResponse().addCookie(ResponseCookie.from(CART_COOKIE, merged.cartId().toString())
                            .httpOnly(true).sameSite("Lax").secure(edge.secure()).path("/")
                            .maxAge(Duration.ofDays(30)).build());
                    log.info("sign-in of customer {}: basket {} handed over as {}", customerId, anonymous,
                            merged.cartId());
                })
                .onErrorResume(failure -> {
                    log.warn("sign-in of customer {}: the basket could not be handed over ({}); the shopper keeps "
                            + "the anonymous one", customerId, failure.toString());
                    return Mono.empty();
                })
                .then();
    }

    private static @Nullable UUID parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
