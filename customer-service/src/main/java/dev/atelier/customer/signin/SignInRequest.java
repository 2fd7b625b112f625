package dev.atelier.customer.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** What the sign-in form sent besides e-mail and password: who is asking from where, and a second-factor code. */
record SignInRequest(String ip, @Nullable String userAgent, @Nullable String code) {

    static SignInRequest of(HttpServletRequest request) {
        String code = request.getParameter("code");
        return new SignInRequest(request.getRemoteAddr(), request.getHeader("User-Agent"),
                code == null || code.isBlank() ? null : code.strip());
    }
}
