package dev.atelier.customer.address;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UK postcodes in their standard written form ({@code SW1A 1AA}): outward code, one space, inward code. Input in
 * any case and spacing is accepted and normalised; the shape check follows the Royal Mail's formats (A9 9AA,
 * A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) plus GIR 0AA. It does not prove the postcode exists.
 */
public final class UkPostcode {

    private static final Pattern SHAPE = Pattern.compile(
            "^(GIR 0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) "
                    + "[0-9][ABD-HJLNP-UW-Z]{2})$");

    private UkPostcode() {
    }

    /** The normalised postcode, or empty when it is not a UK postcode. */
    public static Optional<String> normalise(String input) {
        String compact = input.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 5 || compact.length() > 7) {
            return Optional.empty();
        }
        String written = compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        return SHAPE.matcher(written).matches() ? Optional.of(written) : Optional.empty();
    }
}
