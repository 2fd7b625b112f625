package dev.atelier.order.checkout;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UK postcodes as Royal Mail writes them: outward code (area, district) and inward code (sector, unit), e.g.
 * {@code SW1A 1AA}, {@code M1 1AE}, {@code GIR 0AA}. Spaces and case do not matter on the way in.
 */
final class UkPostcode {

    private static final Pattern FORMAT = Pattern.compile(
            "^(GIR0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?[0-9][ABD-HJLNP-UW-Z]{2})$");

    private UkPostcode() {
    }

    /** The postcode in its canonical form ({@code SW1A 1AA}), or empty when it is not a UK postcode. */
    static Optional<String> normalise(String raw) {
        String compact = raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(compact).matches()) {
            return Optional.empty();
        }
        return Optional.of(compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3));
    }
}
