package dev.atelier.gateway.edge;

import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The CSRF guard of the JSON API: a state-changing call whose browser says it comes from another site is
 * refused (403 problem+json). Browsers send {@code Origin} on every cross-site request that can change state, so
 * a call without it comes from a non-browser client, which holds no shopper's cookies to abuse.
 */
@Component
class Origins implements WebFilter, Ordered {

    private final List<URI> allowed;

    Origins(EdgeProperties edge) {
        this.allowed = List.copyOf(edge.allowedOrigins());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 40;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin == null || isSafe(request.getMethod()) || request.getPath().value().startsWith("/webhooks/")
                || isSameOrigin(request, origin) || allowed.stream().anyMatch(a -> sameOrigin(a, URI.create(origin)))) {
            return chain.filter(exchange);
        }
        return EdgeProblems.write(exchange, EdgeProblems.problem(HttpStatus.FORBIDDEN, "cross-site-request",
                "Cross-site request refused", "requests that change something are accepted only from the store's "
                        + "own pages, not from " + origin), null);
    }

    private static boolean isSafe(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
    }

    private static boolean isSameOrigin(ServerHttpRequest request, String origin) {
        try {
            URI from = URI.create(origin);
            String host = request.getHeaders().getFirst(HttpHeaders.HOST);
            return host != null && from.getHost() != null && host.equalsIgnoreCase(from.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }
}
