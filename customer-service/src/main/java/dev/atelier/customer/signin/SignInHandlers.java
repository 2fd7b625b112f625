package dev.atelier.customer.signin;

import dev.atelier.customer.account.Customers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * What the sign-in form does around the check: collects the request's details, sends a refused sign-in back to the
 * page with the reason (and the e-mail, never the password), and sends staff without an authenticator to enrol
 * before anything else.
 */
@Component
public class SignInHandlers {

    public static final String ENROL_PATH = "/account/security/totp";

    private final Customers customers;

    SignInHandlers(Customers customers) {
        this.customers = customers;
    }

    public AuthenticationDetailsSource<HttpServletRequest, ?> detailsSource() {
        return SignInRequest::of;
    }

    public AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String reason = exception instanceof SignInRefused refused ? refused.reason() : "credentials";
            StringBuilder target = new StringBuilder("/login?error=").append(reason);
            if (exception instanceof SignInRefused refused && !refused.retryAfter().isZero()) {
                target.append("&retry=").append(Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000));
            }
            String email = request.getParameter("email");
            if (email != null && email.length() <= 320) {
                target.append("&email=").append(URLEncoder.encode(email, StandardCharsets.UTF_8));
            }
            response.sendRedirect(request.getContextPath() + target);
        };
    }

    public AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler continueWhereLeft = new SavedRequestAwareAuthenticationSuccessHandler();
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            boolean mustEnrol = customers.byId(UUID.fromString(authentication.getName()))
                    .map(customer -> customer.isStaff() && !customer.hasSecondFactor()).orElse(false);
            if (mustEnrol) {
                response.sendRedirect(request.getContextPath() + ENROL_PATH);
            } else {
                continueWhereLeft.onAuthenticationSuccess(request, response, authentication);
            }
        };
    }
}
