package dev.atelier.gateway.edge;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A shared HTTP cache in the gateway, for the answers a service declares the same for everyone: a {@code GET} of a
 * route that allows it ({@link #METADATA}, the API routes) whose answer is a 200 with {@code Cache-Control: public}
 * and {@code s-maxage} (or {@code max-age}) is kept for that long, at most {@code max-age} of the settings, and the
 * next identical {@code GET} is answered from it without reaching the service (no turn in its line, no circuit
 * breaker, no connection). Today that is catalog's storefront reads (the listing, search, facets, a product page,
 * the categories and occasions), which catalog marks {@code public, max-age=0, s-maxage=5}: browsers revalidate
 * with the ETag every time, this cache and any CDN in front keep the answer for 5 s.
 *
 * <p>What it follows of RFC 9111 for a shared cache: nothing with {@code private}, {@code no-store} or
 * {@code no-cache} in the answer is kept, nor an answer that sets a cookie, is encoded ({@code Content-Encoding}),
 * has {@code Vary: *} or is larger than {@code max-entry-size}; a request's {@code Cache-Control: no-cache} or
 * {@code max-age=0} (a browser's reload), or {@code Pragma: no-cache}, goes to the service and its answer replaces
 * the kept one; {@code no-store} is neither answered from nor kept. Headers named by the answer's {@code Vary} must
 * match (all but {@code Accept-Encoding}: the service is asked without it, and the body is kept unencoded). A kept
 * answer carries its {@code Age}, and an {@code If-None-Match} with its ETag is a 304. Keys are the path and query as
 * sent. A text or JSON answer of 1 KB or more is also kept gzipped, and sent so to a client that accepts gzip:
 * compressed once when kept, not once per answer.
 *
 * <p>The price is staleness: a change in the service reaches a shopper of this replica up to the answer's
 * {@code s-maxage} later; the storefront's pages already read catalog with the same 5 s ({@code SharedReads}).
 */
@Component
class ResponseCache implements GlobalFilter, Ordered {

    /** Route metadata: a route whose {@code GET}s may be answered from this cache when the service allows it. */
    static final String METADATA = "atelier-response-cache";

    /** Bodies from this size are kept gzipped too (the server's {@code compression.min-response-size}). */
    private static final int COMPRESS_FROM = 1024;

    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY, HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.LAST_MODIFIED);

    private final ResponseCacheProperties properties;
    private final Cache<String, Entry> entries;
    private final Counter hits;
    private final Counter misses;
    private final Counter stores;

    ResponseCache(ResponseCacheProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(properties.maxSize().toBytes())
                .weigher((String key, Entry entry) -> key.length() * 2 + entry.body().length
                        + (entry.gzipped() == null ? 0 : entry.gzipped().length) + 256)
                .expireAfterWrite(properties.maxAge().toNanos(), TimeUnit.NANOSECONDS)
                .build();
        this.hits = counter(meters, "hit", "answered from the gateway's cache");
        this.misses = counter(meters, "miss", "sent on to the service: nothing fresh kept, or the request forbade it");
        this.stores = counter(meters, "store", "answers kept");
    }

    private static Counter counter(MeterRegistry meters, String result, String description) {
        return Counter.builder("gateway.response.cache").tag("result", result).description(description)
                .register(meters);
    }

    /** Before the service's waiting line ({@link Admission}, -2): an answer from here waits for no turn. */
    @Override
    public int getOrder() {
        return -3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        if (!properties.enabled() || route == null || !Boolean.TRUE.equals(route.getMetadata().get(METADATA))
                || request.getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        String key = keyOf(request);
        Directives asked = Directives.of(request.getHeaders().get(HttpHeaders.CACHE_CONTROL));
        boolean mustAskService = asked.has("no-cache") || asked.has("no-store") || asked.seconds("max-age") == 0
                || request.getHeaders().getOrEmpty("Pragma").stream().anyMatch(p -> p.contains("no-cache"));
        if (!mustAskService) {
            Entry entry = entries.getIfPresent(key);
            if (entry != null && System.nanoTime() - entry.storedAt() < entry.freshFor()
                    && entry.matches(request.getHeaders())) {
                hits.increment();
                return answer(exchange, entry);
            }
        }
        misses.increment();
        if (asked.has("no-store")) {
            return chain.filter(exchange);
        }
        // the service answers unencoded, which can be kept (an encoded answer cannot); the shopper still gets it
        // compressed, by this server, as every answer
        return chain.filter(exchange.mutate()
                .request(builder -> builder.headers(headers -> headers.remove(HttpHeaders.ACCEPT_ENCODING)))
                .response(new Keeping(exchange.getResponse(), key, request)).build());
    }

    private static String keyOf(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return request.getURI().getRawPath() + (query == null ? "" : "?" + query);
    }

    private Mono<Void> answer(ServerWebExchange exchange, Entry entry) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        entry.headers().forEach(headers::put);
        long age = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - entry.storedAt());
        headers.set(HttpHeaders.AGE, Long.toString(age));
        String etag = entry.headers().getFirst(HttpHeaders.ETAG);
        if (etag != null && exchange.getRequest().getHeaders().getIfNoneMatch().stream()
                .anyMatch(held -> held.equals("*") || weakMatch(held, etag))) {
            headers.remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        byte[] body = entry.body();
        if (entry.gzipped() != null && acceptsGzip(exchange.getRequest().getHeaders())) {
            // compressed once when kept, not per answer: the server's compression leaves an encoded body alone
            body = entry.gzipped();
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (entry.gzipped() != null && varyOf(headers).stream().noneMatch("accept-encoding"::equals)) {
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        headers.setContentLength(body.length);
        byte[] sent = body;
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(sent)));
    }

    /** Whether the request's {@code Accept-Encoding} takes gzip (not with {@code q=0}). */
    static boolean acceptsGzip(HttpHeaders request) {
        for (String value : request.getOrEmpty(HttpHeaders.ACCEPT_ENCODING)) {
            for (String coding : value.split(",")) {
                String[] parts = coding.trim().toLowerCase(Locale.ROOT).split(";");
                if (parts[0].trim().equals("gzip") || parts[0].trim().equals("x-gzip")) {
                    for (int i = 1; i < parts.length; i++) {
                        String parameter = parts[i].replace(" ", "");
                        if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0*)?")) {
                            return false;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** The body gzipped, when it is text worth compressing (as the server's compression would); else null. */
    private static byte @Nullable [] gzipped(byte[] body, HttpHeaders headers) {
        MediaType type = headers.getContentType();
        if (body.length < COMPRESS_FROM || type == null || !(type.getType().equals("text")
                || type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            return null;
        }
        return out.toByteArray();
    }

    /** If-None-Match compares weakly (RFC 9110 13.1.2): {@code W/"x"} matches {@code "x"}. */
    private static boolean weakMatch(String held, String etag) {
        return held.replaceFirst("^W/", "").equals(etag.replaceFirst("^W/", ""));
    }

    /**
     * An answer as it was sent: its body, the headers a later answer repeats, the request's values of the headers
     * its {@code Vary} names, when it was kept and for how long it is fresh.
     */
    private record Entry(byte[] body, byte @Nullable [] gzipped, HttpHeaders headers,
            Map<String, List<String>> varied, long storedAt, long freshFor) {

        boolean matches(HttpHeaders request) {
            for (Map.Entry<String, List<String>> header : varied.entrySet()) {
                if (!Objects.equals(header.getValue(), request.getOrEmpty(header.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Passes the service's answer on to the shopper, and keeps a copy when it may be kept. */
    private final class Keeping extends ServerHttpResponseDecorator {

        private final String key;
        private final ServerHttpRequest request;

        Keeping(ServerHttpResponse delegate, String key, ServerHttpRequest request) {
            super(delegate);
            this.key = key;
            this.request = request;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            long freshFor = freshFor();
            if (freshFor <= 0) {
                return super.writeWith(body);
            }
            long max = properties.maxEntrySize().toBytes();
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            boolean[] tooBig = {false};
            Flux<? extends DataBuffer> copied = Flux.from(body).doOnNext(buffer -> {
                if (tooBig[0] || copy.size() + buffer.readableByteCount() > max) {
                    tooBig[0] = true;
                    return;
                }
                try (DataBuffer.ByteBufferIterator readable = buffer.readableByteBuffers()) {
                    readable.forEachRemaining(bytes -> {
                        ByteBuffer view = bytes.duplicate();
                        byte[] chunk = new byte[view.remaining()];
                        view.get(chunk);
                        copy.writeBytes(chunk);
                    });
                }
            }).doOnComplete(() -> {
                if (!tooBig[0]) {
                    keep(copy.toByteArray(), freshFor);
                }
            });
            return super.writeWith(copied);
        }

        private void keep(byte[] body, long freshFor) {
            HttpHeaders kept = new HttpHeaders();
            for (String name : KEPT_HEADERS) {
                List<String> values = getHeaders().get(name);
                if (values != null) {
                    kept.put(name, List.copyOf(values));
                }
            }
            Map<String, List<String>> varied = new LinkedHashMap<>();
            for (String name : varyOf(getHeaders())) {
                varied.put(name, List.copyOf(request.getHeaders().getOrEmpty(name)));
            }
            entries.put(key, new Entry(body, gzipped(body, kept), HttpHeaders.readOnlyHttpHeaders(kept),
                    Map.copyOf(varied), System.nanoTime(), freshFor));
            stores.increment();
        }

        /** How long the answer may be kept, in nanoseconds; 0 when it may not be kept. */
        private long freshFor() {
            HttpHeaders headers = getHeaders();
            if (!HttpStatus.OK.equals(getStatusCode()) || headers.containsHeader(HttpHeaders.SET_COOKIE)
                    || headers.containsHeader(HttpHeaders.CONTENT_ENCODING)
                    || headers.getContentLength() > properties.maxEntrySize().toBytes()
                    || varyOf(headers).contains("*")) {
                return 0;
            }
            Directives allowed = Directives.of(headers.get(HttpHeaders.CACHE_CONTROL));
            if (!allowed.has("public") || allowed.has("private") || allowed.has("no-store")
                    || allowed.has("no-cache")) {
                return 0;
            }
            long seconds = allowed.seconds("s-maxage");
            if (seconds < 0) {
                seconds = allowed.seconds("max-age");
            }
            if (seconds <= 0) {
                return 0;
            }
            return Math.min(Duration.ofSeconds(seconds).toNanos(), properties.maxAge().toNanos());
        }
    }

    /** The header names of an answer's {@code Vary}, lower case, but {@code accept-encoding}. */
    private static List<String> varyOf(HttpHeaders headers) {
        List<String> names = new ArrayList<>();
        for (String value : headers.getOrEmpty(HttpHeaders.VARY)) {
            for (String name : value.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty() && !trimmed.equals("accept-encoding")) {
                    names.add(trimmed);
                }
            }
        }
        return names;
    }

    /** A {@code Cache-Control} header's directives, parsed one by one (names are case-insensitive). */
    record Directives(Map<String, String> values) {

        static Directives of(@Nullable List<String> headers) {
            Map<String, String> values = new LinkedHashMap<>();
            if (headers != null) {
                for (String header : headers) {
                    for (String directive : header.split(",")) {
                        String trimmed = directive.trim();
                        if (trimmed.isEmpty()) {
                            continue;
                        }
                        int equals = trimmed.indexOf('=');
                        String name = (equals < 0 ? trimmed : trimmed.substring(0, equals)).trim()
                                .toLowerCase(Locale.ROOT);
                        String value = equals < 0 ? "" : trimmed.substring(equals + 1).trim().replace("\"", "");
                        values.putIfAbsent(name, value);
                    }
                }
            }
            return new Directives(values);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        /** The directive's seconds; -1 when absent or not a number. */
        long seconds(String name) {
            String value = values.get(name);
            if (value == null) {
                return -1;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
