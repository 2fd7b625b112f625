package dev.atelier.gateway.storefront;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page's layout needs: the CSRF token for its forms (resolving it also sets the {@code XSRF-TOKEN}
 * cookie) and the nonce that the Content-Security-Policy allows for the page's own script and style.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.doOnNext(t -> exchange.getAttributes().put("_csrf", t));
    }

    @ModelAttribute("cspNonce")
    String nonce(ServerWebExchange exchange) {
        Object nonce = exchange.getAttribute("cspNonce");
        return nonce == null ? "" : nonce.toString();
    }
}
