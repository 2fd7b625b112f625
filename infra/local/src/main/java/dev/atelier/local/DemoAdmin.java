package dev.atelier.local;

import java.util.Map;

/**
 * The local demo admin that customer-service creates at its first start (with its authenticator enrolled), and
 * that {@code up} prints so that a developer can add the secret to an authenticator app and sign in to the admin
 * pages. Local only: production passes its first admin as secrets.
 */
final class DemoAdmin {

    static final String SERVICE = "customer-service";
    static final String EMAIL = "admin@atelier.local";
    static final String PASSWORD = "atelier demo admin password";
    static final String TOTP_SECRET = "ATELIERDEMOADMINTOTPSECRET234567";

    private DemoAdmin() {
    }

    static Map<String, String> environment() {
        return Map.of("ATELIER_ADMIN_EMAIL", EMAIL, "ATELIER_ADMIN_PASSWORD", PASSWORD,
                "ATELIER_ADMIN_TOTP_SECRET", TOTP_SECRET);
    }

    static String describe() {
        return "demo admin: " + EMAIL + " / " + PASSWORD + "; TOTP secret " + TOTP_SECRET
                + " (add it to an authenticator app: SHA-1, 6 digits, 30 s)";
    }
}
