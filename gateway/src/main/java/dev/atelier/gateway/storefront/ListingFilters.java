package dev.atelier.gateway.storefront;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The filters a shopper chose on a listing (category, occasion, search), kept in the page's URL so that a filtered
 * listing can be shared, bookmarked and paged: {@code category}, {@code occasion}, {@code price} (a band
 * {@code min-max} in pence, the max exclusive, or {@code min-} for "and over"), {@code brand}, {@code condition},
 * {@code inStock=true},
 * {@code personalisable=true} and {@code sort} (catalog's orders but its default, which is no parameter). The page's own dimension (the category of {@code /categories/mugs},
 * the words of a search) is its base and not a filter. Values the store would not understand are dropped rather
 * than refused: a hand-edited URL still shows a listing.
 *
 * <p>From catalog's facet counts it builds what the page shows: each facet's options with their counts and whether
 * chosen, the chosen filters each with the URL that removes it, and the query catalog is asked with. Public (its
 * methods the page calls) only because the templates' expressions reach public members only.
 */
public final class ListingFilters {

    /** The URL parameters of the filters, in the order they are written. */
    static final List<String> NAMES = List.of("category", "occasion", "price", "brand", "condition", "inStock",
            "personalisable", "sort");

    private static final Pattern PRICE = Pattern.compile("(\\d{1,9})-(\\d{1,9})?");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final List<String> WORDS_NAMES = List.of("brand", "condition");
    /** A brand or a condition as catalog names it: words, not a slug. */
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} &'.,+/()-]{0,99}");
    private static final Map<String, String> SORTS = sortOrders();

    /** One option of a facet: a radio or checkbox of the filter form, or a link to a narrower page. */
    public record Option(String value, String label, long count, boolean chosen, String href) {
    }

    /** A facet of the listing: its parameter, its legend, and whether it narrows by links (sub-categories). */
    public record Facet(String name, String legend, List<Option> options, boolean links) {
    }

    /** A chosen filter as the page lists it, with the URL of the same listing without it. */
    public record Active(String label, String removeHref) {
    }

    private final String path;
    private final String base;
    private final String baseValue;
    private final Map<String, String> chosen;

    private ListingFilters(String path, String base, String baseValue, Map<String, String> chosen) {
        this.path = path;
        this.base = base;
        this.baseValue = baseValue;
        this.chosen = chosen;
    }

    /**
     * The filters of a request to {@code path}, whose own dimension is {@code base} ({@code category},
     * {@code occasion} or {@code q}) with {@code baseValue}.
     */
    static ListingFilters of(String path, String base, String baseValue, MultiValueMap<String, String> parameters) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = parameters.getFirst(name);
            if (value == null || name.equals(base)) {
                continue;
            }
            value = value.strip();
            boolean understood = switch (name) {
                case "category", "occasion" -> SLUG.matcher(value).matches();
                case "brand", "condition" -> WORDS.matcher(value).matches();
                case "price" -> PRICE.matcher(value).matches();
                case "inStock", "personalisable" -> value.equals("true");
                case "sort" -> SORTS.containsKey(value);
                default -> false;
            };
            if (understood) {
                chosen.put(name, value);
            }
        }
        return new ListingFilters(path, base, baseValue, chosen);
    }

    /**
     * Whether the request's query differs from this listing's clean URL (an empty "Any" radio, a value not
     * understood): the page then redirects to {@link #url()}, so that one listing has one address.
     */
    static boolean untidy(MultiValueMap<String, String> parameters, ListingFilters filters) {
        for (String name : NAMES) {
            List<String> values = parameters.get(name);
            if (values != null && (values.size() > 1 || !values.getFirst().equals(filters.chosen.get(name)))) {
                return true;
            }
        }
        return false;
    }

    public boolean any() {
        return chosen.keySet().stream().anyMatch(name -> !name.equals("sort"));
    }

    public @Nullable String value(String name) {
        return chosen.get(name);
    }

    /** The query for catalog's listing and facets: the base, then the filters in catalog's parameters. */
    String catalogQuery() {
        List<String> parts = new ArrayList<>();
        parts.add(base + "=" + CatalogPages.encode(baseValue));
        chosen.forEach((name, value) -> {
            if (name.equals("price")) {
                Matcher band = PRICE.matcher(value);
                if (band.matches()) {
                    parts.add("minPrice=" + band.group(1));
                    if (band.group(2) != null) {
                        // the band's top is exclusive (£10–£25 is up to £24.99); catalog's maxPrice is inclusive
                        parts.add("maxPrice=" + (Long.parseLong(band.group(2)) - 1));
                    }
                }
            } else {
                parts.add(name + "=" + CatalogPages.encode(value));
            }
        });
        return String.join("&", parts);
    }

    /** The listing's URL with the chosen filters. */
    String url() {
        return url(chosen);
    }

    /** The URL of the next page: the same filters and catalog's cursor. */
    String next(String cursor) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "cursor=" + CatalogPages.encode(cursor);
    }

    String with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(chosen);
        changed.put(name, value);
        return url(changed);
    }

    String without(String name) {
        Map<String, String> changed = new LinkedHashMap<>(chosen);
        changed.remove(name);
        return url(changed);
    }

    /** The listing with no filter (the order kept). */
    public String cleared() {
        Map<String, String> changed = new LinkedHashMap<>();
        if (chosen.containsKey("sort")) {
            changed.put("sort", chosen.get("sort"));
        }
        return url(changed);
    }

    private String url(Map<String, String> filters) {
        List<String> parts = new ArrayList<>();
        if (base.equals("q")) {
            parts.add("q=" + CatalogPages.encode(baseValue));
        }
        for (String name : NAMES) {
            String value = filters.get(name);
            if (value != null) {
                parts.add(name + "=" + CatalogPages.encode(value));
            }
        }
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    /**
     * The facets of catalog's counts ({@code {total, categories, occasions, priceBands, ...}}): a category page
     * narrows to its sub-categories by links to their pages, a search by a category radio; an occasion page has no
     * occasion facet. A chosen option whose count is now nought is still shown, so it can be unchosen.
     */
    List<Facet> facets(Map<String, Object> counts) {
        List<Facet> facets = new ArrayList<>();
        List<Map<String, Object>> categories = list(counts, "categories");
        if (base.equals("category")) {
            List<Option> narrower = new ArrayList<>();
            boolean after = false;
            // catalog orders the categories by their path: the ones after this page's own are inside it
            for (Map<String, Object> count : categories) {
                String slug = String.valueOf(count.get("value"));
                if (after) {
                    narrower.add(new Option(slug, label(count), number(count), false,
                            sibling("/categories/" + slug)));
                }
                after |= slug.equals(baseValue);
            }
            if (!narrower.isEmpty()) {
                facets.add(new Facet("category", "Narrow down", narrower, true));
            }
        } else {
            facets.add(facet("category", "Category", categories));
        }
        if (!base.equals("occasion")) {
            facets.add(facet("occasion", "Occasion", list(counts, "occasions")));
        }
        List<Map<String, Object>> bands = new ArrayList<>();
        for (Map<String, Object> band : list(counts, "priceBands")) {
            Object max = band.get("max");
            String value = number(band, "min") + "-" + (max == null ? "" : max);
            bands.add(Map.of("value", value, "label", priceLabel(value), "count", number(band)));
        }
        facets.add(facet("price", "Price", bands));
        facets.add(facet("brand", "Brand", list(counts, "brands")));
        facets.add(facet("condition", "Condition", list(counts, "conditions")));
        facets.removeIf(facet -> facet.options().isEmpty());
        return facets;
    }

    /** The chosen filters as the page lists them, each with its removal; labels from the facets when they have one. */
    List<Active> active(List<Facet> facets) {
        List<Active> active = new ArrayList<>();
        for (Map.Entry<String, String> filter : chosen.entrySet()) {
            String name = filter.getKey();
            String value = filter.getValue();
            String label = switch (name) {
                case "inStock" -> "In stock";
                case "personalisable" -> "Personalisable";
                case "price" -> priceLabel(value);
                case "sort" -> null;
                default -> facets.stream().filter(facet -> facet.name().equals(name) && !facet.links())
                        .flatMap(facet -> facet.options().stream()).filter(option -> option.value().equals(value))
                        .map(Option::label).findFirst()
                        .orElse(WORDS_NAMES.contains(name) ? value : value.replace('-', ' '));
            };
            if (label != null) {
                active.add(new Active(label, without(name)));
            }
        }
        return active;
    }

    /** The orders a shopper can choose, parameter to words. */
    public Map<String, String> sorts() {
        return SORTS;
    }

    private Facet facet(String name, String legend, List<Map<String, Object>> counts) {
        List<Option> options = new ArrayList<>();
        String current = chosen.get(name);
        boolean present = false;
        for (Map<String, Object> count : counts) {
            String value = String.valueOf(count.get("value"));
            boolean isChosen = value.equals(current);
            present |= isChosen;
            options.add(new Option(value, label(count), number(count), isChosen, with(name, value)));
        }
        if (current != null && !present) {
            String label = name.equals("price") ? priceLabel(current)
                    : WORDS_NAMES.contains(name) ? current : current.replace('-', ' ');
            options.addFirst(new Option(current, label, 0, true, url()));
        }
        return new Facet(name, legend, options, false);
    }

    /** Another listing page with the same filters (a sub-category's page). */
    private String sibling(String otherPath) {
        String url = url();
        int query = url.indexOf('?');
        return query < 0 ? otherPath : otherPath + url.substring(query);
    }

    /** A price band's words: "Under £10", "£10 to £25", "£250 and over". */
    static String priceLabel(String band) {
        Matcher matcher = PRICE.matcher(band);
        if (!matcher.matches()) {
            return band;
        }
        long min = Long.parseLong(matcher.group(1));
        if (matcher.group(2) == null) {
            return pounds(min) + " and over";
        }
        long max = Long.parseLong(matcher.group(2));
        return min == 0 ? "Under " + pounds(max) : pounds(min) + " to " + pounds(max);
    }

    private static String pounds(long pence) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
        format.setMaximumFractionDigits(pence % 100 == 0 ? 0 : 2);
        format.setMinimumFractionDigits(pence % 100 == 0 ? 0 : 2);
        return format.format(pence / 100.0);
    }

    private static String label(Map<String, Object> count) {
        Object label = count.get("label");
        return String.valueOf(label == null ? count.get("value") : label);
    }

    private static long number(Map<String, Object> count) {
        return number(count, "count");
    }

    private static long number(Map<String, Object> map, String field) {
        return map.get(field) instanceof Number number ? number.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body, String field) {
        return body.get(field) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Map<String, String> sortOrders() {
        Map<String, String> sorts = new LinkedHashMap<>();
        sorts.put("bestselling", "Best selling");
        sorts.put("newest", "Newest");
        sorts.put("price_asc", "Price, low to high");
        sorts.put("price_desc", "Price, high to low");
        return sorts;
    }
}
