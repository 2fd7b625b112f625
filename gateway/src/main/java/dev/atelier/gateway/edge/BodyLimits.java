package dev.atelier.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a body larger than the edge forwards (413 problem+json) by its declared length, before a byte of it is
 * read: JSON and forms get a small limit, multipart uploads a larger one. A chunked body without a length is
 * left to the service, whose own limits (platform/web) apply.
 */
@Component
class BodyLimits implements WebFilter, Ordered {

    private final DataSize json;
    private final DataSize upload;

    BodyLimits(EdgeProperties edge) {
        this.json = edge.maxJsonBody();
        this.upload = edge.maxUploadBody();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 35;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        DataSize limit = type != null && MediaType.MULTIPART_FORM_DATA.includes(type) ? upload : json;
        if (length > limit.toBytes()) {
            return EdgeProblems.write(exchange, EdgeProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "Request body too large", "this request may carry at most " + limit.toKilobytes() + " KB"), null);
        }
        return chain.filter(exchange);
    }
}
