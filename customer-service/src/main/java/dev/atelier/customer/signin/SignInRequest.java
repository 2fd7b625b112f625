package dev.atelier.customer.signin;

import dev.atelier.customer.botcheck.Turnstile;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the sign-in form sent besides e-mail and password: who is asking from where, a second-factor code, and the
 * bot check's token when the page asked for one.
 */
record SignInRequest(String ip, @Nullable String userAgent, @Nullable String code, @Nullable String botToken) {

    SignInRequest(String ip, @Nullable String userAgent, @Nullable String code) {
        this(ip, userAgent, code, null);
    }

    static SignInRequest of(HttpServletRequest request) {
        String code = request.getParameter("code");
        return new SignInRequest(request.getRemoteAddr(), request.getHeader("User-Agent"),
                code == null || code.isBlank() ? null : code.strip(), request.getParameter(Turnstile.FIELD));
    }
}
