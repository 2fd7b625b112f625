package dev.atelier.customer.signin.web;

import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.signin.Factors;
import dev.atelier.customer.signin.SignInHandlers;
import dev.atelier.customer.totp.Totp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff enrol an authenticator app after their first sign-in: a QR code (and the secret as text), then a first
 * code to prove it works. Success shows the ten recovery codes once and counts as the second factor for this
 * session, which then continues where the sign-in was going (the gateway's authorization request).
 */
@Controller
class AuthenticatorEnrolment {

    private static final String ISSUER = "Atelier";

    private final Customers customers;
    private final Totp totp;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    AuthenticatorEnrolment(Customers customers, Totp totp) {
        this.customers = customers;
        this.totp = totp;
    }

    @GetMapping(SignInHandlers.ENROL_PATH)
    String show(Authentication authentication, Model model) {
        Customer customer = customerOf(authentication);
        if (customer.hasSecondFactor()) {
            model.addAttribute("enrolled", true);
            return "totp";
        }
        Totp.Enrolment enrolment = totp.enrolment(customer, ISSUER);
        model.addAttribute("enrolled", false);
        model.addAttribute("secret", enrolment.secret());
        model.addAttribute("qr", enrolment.qrCodeDataUri());
        return "totp";
    }

    @PostMapping(SignInHandlers.ENROL_PATH)
    String confirm(@RequestParam(defaultValue = "") String code, Authentication authentication, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Customer customer = customerOf(authentication);
        Optional<List<String>> recoveryCodes = totp.confirmEnrolment(customer.id(), code);
        if (recoveryCodes.isEmpty()) {
            model.addAttribute("error", "That code did not match. Enter the code your app shows now.");
            return show(authentication, model);
        }
        List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
        authorities.add(Factors.oneTimePasswordNow());
        UsernamePasswordAuthenticationToken upgraded = UsernamePasswordAuthenticationToken.authenticated(
                authentication.getName(), null, authorities);
        upgraded.setDetails(authentication.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(upgraded);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);

        SavedRequest saved = savedRequests.getRequest(request, response);
        model.addAttribute("recoveryCodes", recoveryCodes.get());
        model.addAttribute("continueTo", saved == null ? "/" : saved.getRedirectUrl());
        return "totp-done";
    }

    private Customer customerOf(Authentication authentication) {
        return customers.byId(UUID.fromString(authentication.getName())).orElseThrow();
    }
}
