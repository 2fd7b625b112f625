package dev.atelier.gateway.edge;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A Content-Security-Policy on every response, with a fresh nonce per request (exchange attribute
 * {@value #NONCE_ATTRIBUTE}) that the storefront's templates put on their own scripts and styles: no
 * {@code unsafe-inline}, no framing, no plugins. A page a service renders itself (the sandbox's payment page)
 * keeps the policy that service set.
 */
@Component
class ContentSecurityPolicy implements WebFilter, Ordered {

    static final String NONCE_ATTRIBUTE = "cspNonce";
    static final String HEADER = "Content-Security-Policy";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Where Turnstile's widget comes from, allowed only when it is configured. */
    static final String TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

    /** Tawk.to's hosts, allowed only when the live chat is configured (it loads after consent). */
    static final String CHAT_HOSTS = "https://embed.tawk.to https://*.tawk.to";

    private final boolean turnstile;
    private final boolean chat;

    ContentSecurityPolicy(TurnstileProperties turnstile, ChatProperties chat) {
        this.turnstile = turnstile.enabled();
        this.chat = chat.enabled();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        exchange.getAttributes().put(NONCE_ATTRIBUTE, nonce);
        exchange.getResponse().beforeCommit(() -> {
            if (!exchange.getResponse().getHeaders().containsHeader(HEADER)) {
                exchange.getResponse().getHeaders().set(HEADER, policy(nonce, turnstile, chat));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    static String policy(String nonce, boolean turnstile, boolean chat) {
        String scripts = (turnstile ? " " + TURNSTILE_ORIGIN : "") + (chat ? " " + CHAT_HOSTS : "");
        String frames = (turnstile ? " " + TURNSTILE_ORIGIN : "") + (chat ? " https://*.tawk.to" : "");
        String chatData = chat ? " https://*.tawk.to" : "";
        return "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'" + scripts + "; style-src 'self' 'nonce-"
                + nonce + "'; img-src 'self' data: blob:" + chatData + "; font-src 'self'" + chatData
                + "; connect-src 'self'" + (chat ? " https://*.tawk.to wss://*.tawk.to" : "") + "; media-src 'self'; "
                + "frame-src 'self'" + frames + "; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";
    }
}
