package dev.atelier.catalog.personalisation;

import dev.atelier.catalog.media.MediaLibrary;
import dev.atelier.catalog.media.StoredMedia;
import dev.atelier.catalog.product.OptionRules;
import dev.atelier.catalog.product.PersonalisationOption;
import dev.atelier.catalog.product.Product;
import dev.atelier.catalog.product.ProductStatus;
import dev.atelier.catalog.product.Products;
import dev.atelier.events.Money;
import dev.atelier.web.ProblemException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place the rules of personalisation live: cart-service asks here before it adds a line. Each value is
 * normalised (Unicode NFC, spaces, canonical spelling of a font, colour or choice) and checked against its option's
 * constraints; the price delta is the sum of the modifiers of the options used.
 */
@Service
public class PersonalisationRules {

    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    static final double ASPECT_TOLERANCE = 0.02;
    private static final Pattern HEX_COLOUR = Pattern.compile("#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");

    private final Products products;
    private final MediaLibrary media;

    PersonalisationRules(Products products, MediaLibrary media) {
        this.products = products;
        this.media = media;
    }

    @Transactional(readOnly = true)
    public Validation validate(String sku, Map<String, String> values) {
        Product product = products.findBySku(sku).filter(p -> p.status() == ProductStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("unknown-sku", "no SKU " + sku + " on sale")
                        .with("sku", sku));
        Map<String, String> normalised = new LinkedHashMap<>();
        List<Validation.OptionError> errors = new ArrayList<>();
        long delta = 0;
        for (String key : values.keySet()) {
            if (product.options().stream().noneMatch(o -> o.key().equals(key))) {
                errors.add(new Validation.OptionError(key, "is not a personalisation option of " + sku));
            }
        }
        for (PersonalisationOption option : product.options()) {
            String raw = values.get(option.key());
            Outcome outcome = raw == null || raw.isBlank() ? Outcome.absent() : check(option, raw);
            if (outcome.error() != null) {
                errors.add(new Validation.OptionError(option.key(), outcome.error()));
            } else if (outcome.value() == null) {
                if (option.required()) {
                    errors.add(new Validation.OptionError(option.key(), option.label() + " is required"));
                }
            } else {
                normalised.put(option.key(), outcome.value());
                if (outcome.charged()) {
                    delta = Math.addExact(delta, option.priceModifier());
                }
            }
        }
        return new Validation(errors.isEmpty(), normalised, new Money(delta, product.price().currency()),
                List.copyOf(errors));
    }

    private record Outcome(@Nullable String value, @Nullable String error, boolean charged) {

        static Outcome absent() {
            return new Outcome(null, null, false);
        }

        static Outcome ok(String value) {
            return new Outcome(value, null, true);
        }

        static Outcome refused(String error) {
            return new Outcome(null, error, false);
        }
    }

    private Outcome check(PersonalisationOption option, String raw) {
        OptionRules rules = option.rules();
        return switch (option.type()) {
            case TEXT -> text(Normalizer.normalize(raw, Normalizer.Form.NFC).strip().replaceAll("\\s+", " "), rules);
            case TEXTAREA -> text(Normalizer.normalize(raw, Normalizer.Form.NFC).replace("\r\n", "\n")
                    .replace('\r', '\n').lines().map(String::stripTrailing)
                    .reduce((a, b) -> a + "\n" + b).orElse("").strip(), rules);
            case FONT -> oneOf(raw, rules.allowedValues(), "font");
            case DROPDOWN -> oneOf(raw, rules.allowedValues(), "choice");
            case COLOUR -> colour(raw, rules);
            case TOGGLE -> toggle(raw, option.required());
            case IMAGE -> image(raw, rules);
        };
    }

    private static Outcome text(String value, OptionRules rules) {
        if (value.isEmpty()) {
            return Outcome.absent();
        }
        if (CONTROL.matcher(value).find()) {
            return Outcome.refused("must not contain control characters");
        }
        int length = value.codePointCount(0, value.length());
        if (rules.maxLength() != null && length > rules.maxLength()) {
            return Outcome.refused("must be at most " + rules.maxLength() + " characters (it has " + length + ")");
        }
        if (rules.pattern() != null && !Pattern.compile(rules.pattern()).matcher(value).matches()) {
            return Outcome.refused("does not match the allowed pattern " + rules.pattern());
        }
        return Outcome.ok(value);
    }

    private static Outcome oneOf(String raw, List<String> allowed, String what) {
        String wanted = raw.strip();
        return allowed.stream().filter(a -> a.equalsIgnoreCase(wanted)).findFirst().map(Outcome::ok)
                .orElseGet(() -> Outcome.refused("'" + wanted + "' is not an allowed " + what + "; choose one of "
                        + String.join(", ", allowed)));
    }

    private static Outcome colour(String raw, OptionRules rules) {
        if (!rules.allowedValues().isEmpty()) {
            return oneOf(raw, rules.allowedValues(), "colour");
        }
        String wanted = raw.strip();
        if (!HEX_COLOUR.matcher(wanted).matches()) {
            return Outcome.refused("'" + wanted + "' is not a colour like #1A2B3C");
        }
        String hex = wanted.startsWith("#") ? wanted.substring(1) : wanted;
        if (hex.length() == 3) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        return Outcome.ok("#" + hex.toUpperCase(Locale.ROOT));
    }

    private static Outcome toggle(String raw, boolean required) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        boolean on;
        switch (value) {
            case "true", "yes", "on", "1" -> on = true;
            case "false", "no", "off", "0" -> on = false;
            default -> {
                return Outcome.refused("'" + raw.strip() + "' is not true or false");
            }
        }
        if (required && !on) {
            return Outcome.refused("must be ticked");
        }
        return new Outcome(on ? "true" : "false", null, on);
    }

    private Outcome image(String raw, OptionRules rules) {
        UUID id;
        try {
            id = UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            return Outcome.refused("is not the reference of an uploaded image");
        }
        Optional<StoredMedia> found = media.find(id);
        if (found.isEmpty()) {
            return Outcome.refused("no uploaded image " + id);
        }
        StoredMedia image = found.get();
        if (!IMAGE_TYPES.contains(image.contentType())) {
            return Outcome.refused("is a " + image.contentType() + ", not a JPEG, PNG or WebP image");
        }
        if (rules.maxFileSize() != null && image.sizeBytes() > rules.maxFileSize()) {
            return Outcome.refused("the image has " + image.sizeBytes() + " bytes, more than the "
                    + rules.maxFileSize() + " allowed");
        }
        if (rules.minWidth() != null && image.width() < rules.minWidth()
                || rules.minHeight() != null && image.height() < rules.minHeight()) {
            return Outcome.refused("the image is " + image.width() + "x" + image.height() + " pixels, less than "
                    + (rules.minWidth() == null ? "any" : rules.minWidth()) + "x"
                    + (rules.minHeight() == null ? "any" : rules.minHeight()));
        }
        Double ratio = rules.ratio();
        if (ratio != null) {
            double actual = (double) image.width() / image.height();
            if (Math.abs(actual - ratio) / ratio > ASPECT_TOLERANCE) {
                return Outcome.refused("the image is " + image.width() + "x" + image.height() + ", not "
                        + rules.aspectRatio() + " as the print needs");
            }
        }
        return Outcome.ok(id.toString());
    }
}
