package dev.atelier.gateway.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 404 for any path with an {@code internal} segment, however it is spelled ({@code /internal/carts},
 * {@code /api/catalog/..%2Finternal/...}, {@code /INTERNAL}): the services' internal APIs trust their callers, so
 * the internet must never reach them, not even through a route whose pattern a crafted path might slip past.
 */
@Component
class InternalPaths implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isInternal(exchange.getRequest().getURI().getRawPath())) {
            return EdgeProblems.write(exchange, EdgeProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                    "there is nothing at " + exchange.getRequest().getPath().value()), null);
        }
        return chain.filter(exchange);
    }

    static boolean isInternal(String rawPath) {
        String path = rawPath;
        for (int i = 0; i < 3 && path.contains("%"); i++) {
            try {
                path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
        for (String segment : path.toLowerCase(Locale.ROOT).split("[/\\\\;]")) {
            if (segment.strip().equals("internal")) {
                return true;
            }
        }
        return false;
    }
}
