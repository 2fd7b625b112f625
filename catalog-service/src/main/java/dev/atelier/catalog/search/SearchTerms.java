package dev.atelier.catalog.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A shopper's query as words of letters and digits (anything else separates them, so no input can inject
 * tsquery syntax), and the tsquery that matches every word as a prefix: "chri mu" finds "Christmas mug".
 */
record SearchTerms(String original, List<String> words) {

    static final int MAX_WORDS = 8;

    static SearchTerms of(String query) {
        List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).limit(MAX_WORDS).toList();
        return new SearchTerms(query, words);
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    String tsquery() {
        return words.stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
    }

    String text() {
        return String.join(" ", words);
    }

    SearchTerms withWords(List<String> corrected) {
        return new SearchTerms(original, corrected);
    }
}
