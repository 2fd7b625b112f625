package dev.atelier.customer.signin;

import dev.atelier.customer.account.AccountStatus;
import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.account.Role;
import dev.atelier.customer.totp.Totp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a sign-in: the back-off first (a blocked account or IP gets no password check at all), then the password,
 * then for staff with an authenticator the code (TOTP or a recovery code). The resulting sign-in's name is the
 * customer id (the tokens' subject); its authorities are the roles and the factors proved. Every attempt is
 * recorded. An unknown e-mail costs a password hash too, so timing does not tell which e-mails have accounts.
 */
@Component
class SignInProvider implements AuthenticationProvider {

    private final Customers customers;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final SignInChallenge challenge;
    private final SignInLog log;
    private final Totp totp;
    private final String unknownAccountHash;

    SignInProvider(Customers customers, PasswordEncoder passwords, SignInThrottle throttle, SignInLog log, Totp totp,
            SignInChallenge challenge) {
        this.customers = customers;
        this.passwords = passwords;
        this.throttle = throttle;
        this.log = log;
        this.totp = totp;
        this.challenge = challenge;
        this.unknownAccountHash = passwords.encode("no account has this password " + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = Customers.normalise(String.valueOf(authentication.getPrincipal()));
        String password = String.valueOf(authentication.getCredentials());
        SignInRequest request = authentication.getDetails() instanceof SignInRequest details
                ? details : new SignInRequest("unknown", null, null);

        Optional<Duration> blocked = throttle.blockedFor(email, request.ip());
        if (blocked.isPresent()) {
            log.record(null, email, request, SignInResult.THROTTLED);
            throw new SignInRefused("throttled", blocked.get());
        }
        if (!challenge.passes(request)) {
            throw new SignInRefused("bot-check");
        }
        Optional<Customer> found = customers.byEmail(email);
        boolean passwordMatches = passwords.matches(password, found.map(Customer::passwordHash).orElse(unknownAccountHash));
        if (found.isEmpty() || !passwordMatches) {
            throttle.failed(email, request.ip());
            log.record(found.map(Customer::id).orElse(null), email, request, SignInResult.BAD_CREDENTIALS);
            throw new SignInRefused("credentials");
        }
        Customer customer = found.get();
        if (customer.status() == AccountStatus.PENDING_VERIFICATION) {
            log.record(customer.id(), email, request, SignInResult.NOT_VERIFIED);
            throw new SignInRefused("unverified");
        }
        if (customer.status() != AccountStatus.ACTIVE) {
            log.record(customer.id(), email, request, SignInResult.LOCKED);
            throw new SignInRefused("locked");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        customer.roles().stream().map(Role::name).sorted()
                .forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        authorities.add(Factors.passwordNow());
        if (customer.isStaff() && customer.hasSecondFactor()) {
            if (request.code() == null) {
                log.record(customer.id(), email, request, SignInResult.SECOND_FACTOR_REQUIRED);
                throw new SignInRefused("code-required");
            }
            if (!totp.verifySecondFactor(customer, request.code())) {
                throttle.failed(email, request.ip());
                log.record(customer.id(), email, request, SignInResult.BAD_SECOND_FACTOR);
                throw new SignInRefused("code");
            }
            authorities.add(Factors.oneTimePasswordNow());
        }
        throttle.succeeded(email);
        log.record(customer.id(), email, request, SignInResult.SUCCESS);
        if (passwords.upgradeEncoding(customer.passwordHash())) {
            customers.changePasswordHash(customer.id(), passwords.encode(password));
        }
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                customer.id().toString(), null, authorities);
        // a JDK-only details object: the authorization server stores the sign-in as JSON with an allow-list of types
        result.setDetails(new WebAuthenticationDetails(request.ip(), null));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
