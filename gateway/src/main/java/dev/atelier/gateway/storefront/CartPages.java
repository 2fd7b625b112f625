package dev.atelier.gateway.storefront;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The cart as plain HTML forms (it works without JavaScript): add a line with its personalisation, change a
 * quantity, remove a line, apply a coupon, gift options. Each form posts here, the storefront calls cart-service's
 * API with the shopper's {@code cart_id} cookie and redirects back (post/redirect/get), carrying a refusal's
 * message to the page.
 */
@Controller
class CartPages {

    static final String PERSONALISATION_PREFIX = "personalisation.";
    /** The file field of a photo option, which the product page's script unnames once it uploads the photo itself. */
    static final String PHOTO_PREFIX = "photo.";
    private static final int MAX_PHOTOS = 5;

    private final Services services;

    CartPages(Services services) {
        this.services = services;
    }

    @GetMapping("/cart")
    Mono<String> cart(Model model, ServerWebExchange exchange) {
        return services.get("cart", "/api/cart", exchange).map(answer -> {
            model.addAttribute("cart", answer.ok() ? answer.body() : Map.of());
            model.addAttribute("message", answer.ok() ? flash(exchange) : answer.detail());
            return "cart";
        });
    }

    /**
     * A line into the basket. The product page posts a plain form, or, when the product takes a photo, a multipart
     * one: with the page's script the photo was already uploaded (its media id is the option's value), without it the
     * file itself comes as {@code photo.<option key>} and is passed on to catalog's upload here, its id becoming the
     * option's value, exactly as the script would have done (minus the crop: the photo is used as it is).
     */
    @PostMapping("/cart/items")
    Mono<String> add(ServerWebExchange exchange) {
        return posted(exchange).flatMap(posted -> {
            MultiValueMap<String, String> form = posted.fields();
            String back = "/products/" + CatalogPages.encode(first(form, "slug"));
            Map<String, Object> personalisation = new LinkedHashMap<>();
            form.forEach((name, values) -> {
                if (name.startsWith(PERSONALISATION_PREFIX) && !values.isEmpty() && !values.getFirst().isBlank()) {
                    personalisation.put(name.substring(PERSONALISATION_PREFIX.length()), values.getFirst());
                }
            });
            return uploadPhotos(posted.photos(), personalisation, exchange).flatMap(refusal -> {
                if (!refusal.isEmpty()) {
                    return Mono.just("redirect:" + back + "?error=" + CatalogPages.encode(refusal));
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sku", first(form, "sku"));
                line.put("quantity", quantity(first(form, "quantity")));
                line.put("personalisation", personalisation);
                // the picture of the preview the shopper saw (the product page's script uploads it before posting)
                String preview = first(form, "preview");
                if (preview.matches("[0-9a-fA-F-]{36}")) {
                    line.put("preview", preview);
                }
                return services.send("cart", "POST", "/api/cart/items", line, exchange).map(answer -> answer.ok()
                        ? "redirect:/cart" : "redirect:" + back + "?error=" + CatalogPages.encode(answer.detail()));
            });
        });
    }

    /** A form's fields and the photos it carried (by option key), whichever encoding it came in. */
    private record Posted(MultiValueMap<String, String> fields, Map<String, FilePart> photos) {
    }

    private static Mono<Posted> posted(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return exchange.getFormData().map(form -> new Posted(form, Map.of()));
        }
        return exchange.getMultipartData().map(parts -> {
            MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
            Map<String, FilePart> photos = new LinkedHashMap<>();
            parts.forEach((name, values) -> values.forEach(part -> {
                if (part instanceof FormFieldPart field) {
                    fields.add(name, field.value());
                } else if (part instanceof FilePart file && name.startsWith(PHOTO_PREFIX)
                        && !file.filename().isBlank() && photos.size() < MAX_PHOTOS) {
                    photos.put(name.substring(PHOTO_PREFIX.length()), file);
                }
            }));
            return new Posted(fields, photos);
        });
    }

    /**
     * Each posted photo to catalog's shoppers' uploads, one after the other; its id becomes the option's value. The
     * answer is nothing when all went, or the words of the first refusal (wrong type, too large, too many uploads).
     */
    private Mono<String> uploadPhotos(Map<String, FilePart> photos, Map<String, Object> personalisation,
            ServerWebExchange exchange) {
        return reactor.core.publisher.Flux.fromIterable(photos.entrySet())
                .concatMap(photo -> services.upload("catalog", "/api/catalog/personalisation/uploads", "file",
                        photo.getValue(), exchange).map(answer -> {
                            if (answer.ok() && answer.body().get("id") != null) {
                                personalisation.put(photo.getKey(), String.valueOf(answer.body().get("id")));
                                return "";
                            }
                            return "Your photo could not be used: " + answer.detail();
                        }))
                .filter(refusal -> !refusal.isEmpty())
                .next()
                .defaultIfEmpty("");
    }

    @PostMapping("/cart/items/{lineId}")
    Mono<String> update(@PathVariable String lineId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            boolean remove = form.containsKey("remove") || "0".equals(first(form, "quantity"));
            Mono<Services.ServiceAnswer> call = remove
                    ? services.send("cart", "DELETE", "/api/cart/items/" + CatalogPages.encode(lineId), null, exchange)
                    : services.send("cart", "PATCH", "/api/cart/items/" + CatalogPages.encode(lineId),
                            Map.of("quantity", quantity(first(form, "quantity"))), exchange);
            return call.map(CartPages::backToCart);
        });
    }

    @PostMapping("/cart/coupon")
    Mono<String> coupon(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> (form.containsKey("remove")
                ? services.send("cart", "DELETE", "/api/cart/coupon", null, exchange)
                : services.send("cart", "POST", "/api/cart/coupon", Map.of("code", first(form, "code")), exchange))
                .map(CartPages::backToCart));
    }

    @PostMapping("/cart/gift")
    Mono<String> gift(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, Object> gift = new LinkedHashMap<>();
            gift.put("wrap", form.containsKey("wrap"));
            gift.put("message", first(form, "message").isBlank() ? null : first(form, "message"));
            gift.put("hidePrices", form.containsKey("hidePrices"));
            return services.send("cart", "PUT", "/api/cart/gift", gift, exchange).map(CartPages::backToCart);
        });
    }

    private static String backToCart(Services.ServiceAnswer answer) {
        return answer.ok() ? "redirect:/cart" : "redirect:/cart?error=" + CatalogPages.encode(answer.detail());
    }

    private static String flash(ServerWebExchange exchange) {
        return exchange.getRequest().getQueryParams().getFirst("error");
    }

    static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static Object quantity(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
