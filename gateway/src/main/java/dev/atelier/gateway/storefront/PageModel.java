package dev.atelier.gateway.storefront;

import dev.atelier.gateway.edge.ChatProperties;
import dev.atelier.gateway.edge.TurnstileProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page's layout needs: the CSRF token for its forms (resolving it also sets the {@code XSRF-TOKEN}
 * cookie), who is signed in, and the nonce that the Content-Security-Policy allows for the page's own script and style.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final TurnstileProperties turnstile;
    private final ChatProperties chat;

    PageModel(TurnstileProperties turnstile, ChatProperties chat) {
        this.turnstile = turnstile;
        this.chat = chat;
    }

    /** The live chat's script, which the page loads only after marketing consent; nothing when none is set. */
    @ModelAttribute("chatSrc")
    @Nullable String chatSrc() {
        return chat.scriptUrl();
    }

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.doOnNext(t -> exchange.getAttributes().put("_csrf", t));
    }

    /** The signed-in shopper's name for the header, or nothing for a visitor. */
    @ModelAttribute("shopper")
    Mono<Shopper> shopper(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(principal -> principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof OidcUser)
                .map(principal -> Shopper.of((OidcUser) ((Authentication) principal).getPrincipal()));
    }

    /** Who is signed in, as the pages show it. */
    record Shopper(String name, String email) {

        static Shopper of(OidcUser user) {
            String email = user.getEmail() == null ? "" : user.getEmail();
            String name = user.getFullName() != null ? user.getFullName() : email;
            return new Shopper(name, email);
        }
    }

    /** Turnstile's site key when bot protection is on (the checkout page shows the widget to guests). */
    @ModelAttribute("turnstileSiteKey")
    @Nullable String turnstileSiteKey() {
        return turnstile.enabled() ? turnstile.siteKey() : null;
    }

    @ModelAttribute("cspNonce")
    String nonce(ServerWebExchange exchange) {
        Object nonce = exchange.getAttribute("cspNonce");
        return nonce == null ? "" : nonce.toString();
    }
}
