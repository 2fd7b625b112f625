package dev.atelier.catalog.demo;

import dev.atelier.events.EventJson;
import dev.atelier.web.totp.OneTimeCodes;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Signs the demo admin in at customer-service the way a browser would, through its real pages: the authorization
 * code flow with PKCE, the sign-in form (with its CSRF token) given the e-mail, the password and the current code of
 * the authenticator computed from the configured TOTP secret, then the code exchanged for tokens. The access token is
 * refreshed with the refresh token before it expires, and the whole sign-in is done again if the refresh is refused.
 * A code is accepted once per 30-second step, so a sign-in that meets an already used step waits for the next one.
 */
final class StaffSignIn implements AdminToken {

    private static final Logger log = LoggerFactory.getLogger(StaffSignIn.class);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;

    private final DemoProperties.SignIn settings;
    private final OneTimeCodes codes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private @Nullable Tokens tokens;

    private record Tokens(String access, @Nullable String refresh, Instant expiresAt) {
    }

    StaffSignIn(DemoProperties.SignIn settings, Clock clock) {
        this.settings = settings;
        this.codes = OneTimeCodes.of(settings.totpSecret());
        this.clock = clock;
    }

    @Override
    public synchronized String bearer() {
        Tokens current = tokens;
        if (current != null && clock.instant().plus(REFRESH_BEFORE).isBefore(current.expiresAt())) {
            return current.access();
        }
        Tokens next = current != null && current.refresh() != null ? refresh(current.refresh()) : null;
        tokens = next != null ? next : signIn();
        return tokens.access();
    }

    private Tokens signIn() {
        awaitIdentity();
        long lastStep = Long.MIN_VALUE;
        for (int attempt = 1; ; attempt++) {
            long step = OneTimeCodes.step(clock.instant());
            if (step == lastStep) {
                pauseUntilStep(step + 1);
                step++;
            }
            lastStep = step;
            String refused = null;
            try {
                return signInOnce(codes.at(step));
            } catch (CodeRefused e) {
                refused = e.getMessage();
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("customer-service refused the demo admin's authenticator code "
                        + ATTEMPTS + " times (" + refused + "); is " + settings.email() + "'s TOTP secret the one configured?");
            }
            log.info("The demo admin's code was refused ({}); trying again with the next one", refused);
        }
    }

    private Tokens signInOnce(String code) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = randomToken();
        String state = randomToken();
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", settings.clientId());
        request.put("redirect_uri", settings.redirectUri().toString());
        request.put("scope", "openid");
        request.put("state", state);
        request.put("code_challenge", challenge(verifier));
        request.put("code_challenge_method", "S256");
        URI authorize = URI.create(settings.url().resolve("/oauth2/authorize") + "?" + formBody(request));

        HttpResponse<String> toLogin = send(browser, get(authorize));
        expectRedirect(toLogin, "the authorization request");
        HttpResponse<String> page = send(browser, get(location(toLogin)));
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("customer-service's sign-in page answered " + page.statusCode()
                    + " without a form to fill");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", settings.email());
        form.put("password", settings.password());
        form.put("code", code);
        form.put("_csrf", csrf.group(1));
        HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(page.uri())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        expectRedirect(signedIn, "the sign-in form");

        // back to the authorization request, then to the redirect URI with the code
        HttpResponse<String> current = signedIn;
        for (int hops = 0; hops < 5; hops++) {
            URI next = location(current);
            Map<String, String> query = query(next);
            if (next.toString().startsWith(settings.redirectUri().toString())) {
                String authorizationCode = query.get("code");
                if (!state.equals(query.get("state")) || authorizationCode == null) {
                    throw new IllegalStateException("the authorization answer has no code or another state: "
                            + next.getPath() + (query.containsKey("error") ? " error=" + query.get("error") : ""));
                }
                return tokens(Map.of("grant_type", "authorization_code", "code", authorizationCode,
                        "redirect_uri", settings.redirectUri().toString(), "code_verifier", verifier), true);
            }
            String error = query.get("error");
            if (next.getPath().equals("/login") && error != null) {
                if (error.equals("code")) {
                    throw new CodeRefused("the code was refused or already used");
                }
                throw new IllegalStateException("customer-service refused the demo admin's sign-in: " + error
                        + " (" + settings.email() + ")");
            }
            current = send(browser, get(next));
            expectRedirect(current, "the authorization after sign-in");
        }
        throw new IllegalStateException("customer-service's sign-in did not come back to " + settings.redirectUri());
    }

    private @Nullable Tokens refresh(String refreshToken) {
        try {
            return tokens(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), false);
        } catch (IllegalStateException refused) {
            log.info("Refreshing the demo admin's token was refused ({}); signing in again", refused.getMessage());
            return null;
        }
    }

    private Tokens tokens(Map<String, String> form, boolean firstIssue) {
        String credentials = URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(settings.url().resolve("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = EventJson.mapper().readTree(response.body());
        String access = answer.path("access_token").asString("");
        if (access.isEmpty()) {
            throw new IllegalStateException("the token endpoint gave no access token");
        }
        long expiresIn = answer.path("expires_in").asLong(300);
        String refresh = answer.path("refresh_token").asString("");
        if (firstIssue) {
            log.info("The demo admin {} signed in at {} (password and authenticator code)", settings.email(), settings.url());
        }
        return new Tokens(access, refresh.isEmpty() ? null : refresh, clock.instant().plusSeconds(expiresIn));
    }

    // customer-service may start after this service: wait (with a deadline) until it answers
    private void awaitIdentity() {
        Instant deadline = clock.instant().plus(settings.readyWait());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Duration pause = Duration.ofMillis(200);
        boolean waiting = false;
        while (true) {
            int status;
            try {
                status = client.send(HttpRequest.newBuilder(settings.url().resolve("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for customer-service", e);
            }
            if (status == 200) {
                return;
            }
            if (!waiting) {
                log.info("Waiting for customer-service at {} before the demo admin signs in (it answered {})",
                        settings.url(), status);
                waiting = true;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("customer-service at " + settings.url() + " is not ready (last answer "
                        + status + "); the demo admin cannot sign in");
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(3)) > 0 ? Duration.ofSeconds(3) : pause.multipliedBy(2);
        }
    }

    private void pauseUntilStep(long step) {
        Instant start = Instant.ofEpochSecond(step * OneTimeCodes.STEP_SECONDS);
        Duration wait = Duration.between(clock.instant(), start).plusMillis(200);
        if (!wait.isNegative()) {
            sleep(wait);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing the demo admin in", e);
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "text/html").GET().build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        return send(client, request.timeout(Duration.ofSeconds(30)).build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expectRedirect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 3 || response.headers().firstValue("Location").isEmpty()) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + " where a redirect was expected");
        }
    }

    private static URI location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** customer-service sent the form back because the authenticator code was not accepted. */
    private static final class CodeRefused extends RuntimeException {
        CodeRefused(String message) {
            super(message);
        }
    }
}
