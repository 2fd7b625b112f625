package dev.atelier.catalog.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The listing's orders. Each reads one bigint sort key in one direction, ties broken by product id, so that a
 * cursor (the last key and id) pages through without gaps or repeats.
 */
public enum Sort {
    RELEVANCE("relevance", false),
    PRICE_ASC("price_asc", true),
    PRICE_DESC("price_desc", false),
    NEWEST("newest", false),
    BESTSELLING("bestselling", false);

    private final String parameter;
    private final boolean ascending;

    Sort(String parameter, boolean ascending) {
        this.parameter = parameter;
        this.ascending = ascending;
    }

    public String parameter() {
        return parameter;
    }

    boolean ascending() {
        return ascending;
    }

    public static Sort parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return RELEVANCE;
        }
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("sort must be one of "
                        + Arrays.stream(values()).map(Sort::parameter).collect(Collectors.joining(", "))));
    }
}
