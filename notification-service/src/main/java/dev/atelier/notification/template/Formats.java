package dev.atelier.notification.template;

import dev.atelier.events.Money;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** How amounts, dates and personalisation read in an e-mail to a UK shopper. */
public final class Formats {

    /** Separates the parts of a readable personalisation: "Name: Sophie · Font: Script MT". */
    public static final String SEPARATOR = " · ";

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Map<Currency, NumberFormat> CURRENCY_FORMATS = new ConcurrentHashMap<>();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm z",
            Locale.UK);

    private Formats() {
    }

    /** £12.99, €5.00, US$3.50: exact, from minor units. */
    public static String money(Money amount) {
        // a NumberFormat is not thread-safe and costly to build: each currency's is built once and cloned per use
        NumberFormat format = (NumberFormat) CURRENCY_FORMATS.computeIfAbsent(amount.currency(), currency -> {
            NumberFormat built = NumberFormat.getCurrencyInstance(Locale.UK);
            built.setCurrency(currency);
            built.setMinimumFractionDigits(currency.getDefaultFractionDigits());
            built.setMaximumFractionDigits(currency.getDefaultFractionDigits());
            return built;
        }).clone();
        return format.format(BigDecimal.valueOf(amount.minor(), amount.currency().getDefaultFractionDigits()));
    }

    /**
     * The shopper's personalisation as they would say it: each option's label (its key, capitalised, when the
     * event carries no label) and value, in label order: "Colour: #d4a017 · Font: Script MT · Name: Sophie".
     * Empty values are left out; null when there is nothing to show.
     */
    public static @Nullable String personalisation(Map<String, String> values, @Nullable Map<String, String> labels) {
        String readable = values.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> Map.entry(label(e.getKey(), labels), e.getValue().strip()))
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(SEPARATOR));
        return readable.isEmpty() ? null : readable;
    }

    /** Variant attributes the same way: "Size: Large · Colour: Red". */
    public static @Nullable String attributes(@Nullable Map<String, String> attributes) {
        return attributes == null ? null : personalisation(attributes, null);
    }

    public static String day(Instant instant) {
        return DAY.format(instant.atZone(UK));
    }

    public static String dayAndTime(Instant instant) {
        return DAY_AND_TIME.format(instant.atZone(UK));
    }

    private static String label(String key, @Nullable Map<String, String> labels) {
        String label = labels == null ? null : labels.get(key);
        if (label != null && !label.isBlank()) {
            return label.strip();
        }
        String words = key.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').strip();
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1).toLowerCase(Locale.UK);
    }
}
