package dev.atelier.inventory.web;

import org.jspecify.annotations.Nullable;

/**
 * Who made an admin change, for the ledger. The gateway signs staff in and passes the account in
 * {@code X-Atelier-Actor}; without it the change is attributed to the admin API itself.
 */
public final class Actors {

    public static final String HEADER = "X-Atelier-Actor";

    private Actors() {
    }

    public static String of(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return "admin-api";
        }
        String actor = header.strip();
        return actor.length() > 120 ? actor.substring(0, 120) : actor;
    }
}
