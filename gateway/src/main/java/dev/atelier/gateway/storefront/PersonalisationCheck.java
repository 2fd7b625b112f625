package dev.atelier.gateway.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Validation as the shopper types: the product page's script sends the form's personalisation here (debounced) and
 * shows the answer beside each field. The rules live once, in catalog's {@code /internal/personalisation/validate}
 * (which cart-service applies when the line is added); the storefront only relays, so the messages are the same
 * ones the cart would answer. The browser never reaches an internal path: this call is the gateway's own.
 */
@RestController
class PersonalisationCheck {

    /** What the page sends: the SKU and the option values as typed. */
    record CheckRequest(String sku, Map<String, String> values) {
    }

    private static final int MAX_VALUES = 50;
    private static final int MAX_VALUE_LENGTH = 2_000;

    private final Services services;

    PersonalisationCheck(Services services) {
        this.services = services;
    }

    @PostMapping(path = "/personalisation/check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> check(@RequestBody CheckRequest request, ServerWebExchange exchange) {
        if (request.sku() == null || request.sku().isBlank() || request.sku().length() > 64) {
            return Mono.just(refusal(HttpStatus.BAD_REQUEST, "choose a product option first"));
        }
        Map<String, String> values = request.values() == null ? Map.of() : request.values();
        if (values.size() > MAX_VALUES || values.values().stream()
                .anyMatch(v -> v != null && v.length() > MAX_VALUE_LENGTH)) {
            return Mono.just(refusal(HttpStatus.BAD_REQUEST, "too many or too long personalisation values"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", request.sku().strip());
        body.put("values", values);
        return services.send("catalog", "POST", "/internal/personalisation/validate", body, exchange)
                .map(answer -> {
                    if (!answer.ok()) {
                        HttpStatus status = answer.status() == 404 ? HttpStatus.NOT_FOUND
                                : answer.status() >= 500 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
                        return refusal(status, answer.detail());
                    }
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("valid", Boolean.TRUE.equals(answer.body().get("valid")));
                    result.put("errors", byKey(answer.list("errors")));
                    result.put("priceDelta", answer.body().get("priceDelta"));
                    return ResponseEntity.ok(result);
                });
    }

    /** Catalog's errors as {@code {optionKey: message}}, the first message of each option. */
    private static Map<String, String> byKey(List<Map<String, Object>> errors) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Map<String, Object> error : errors) {
            byKey.putIfAbsent(String.valueOf(error.get("key")), String.valueOf(error.get("message")));
        }
        return byKey;
    }

    private static ResponseEntity<Map<String, Object>> refusal(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Map.of("valid", false, "errors", Map.of(), "detail", detail));
    }
}
