package dev.atelier.gateway.storefront;

import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shopper's data and privacy (customer-service's API): marketing consent with its history, data export
 * (request it, see which services have answered, download the archive once complete) and erasure, which asks for a
 * confirmation first since it cannot be undone; once requested, the shopper is signed out of the store.
 */
@Controller
class PrivacyPages {

    static final String PAGE = "/account/privacy";
    private static final Map<String, String> NOTICES = Map.of(
            "consent", "Your marketing choice is saved.",
            "export", "Your export is being prepared. Each part of the store adds its data; this page shows when "
                    + "it is ready to download.");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Services services;

    PrivacyPages(Services services) {
        this.services = services;
    }

    @GetMapping(PAGE)
    Mono<String> privacy(Model model, ServerWebExchange exchange) {
        Flash.read(exchange, model, NOTICES);
        return Mono.zip(services.get("customer", "/api/account/consent", exchange),
                        services.get("customer", "/api/account/data-requests", exchange))
                .map(answers -> {
                    model.addAttribute("section", "privacy");
                    model.addAttribute("consent", answers.getT1().ok() ? answers.getT1().body() : null);
                    model.addAttribute("consentMessage", answers.getT1().ok() ? null : answers.getT1().detail());
                    model.addAttribute("requests", Flash.itemsOr(answers.getT2()));
                    model.addAttribute("requestsMessage", answers.getT2().ok() ? null : answers.getT2().detail());
                    return "account-privacy";
                });
    }

    @PostMapping("/account/consent")
    Mono<String> consent(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> services.send("customer", "PUT", "/api/account/consent",
                        Map.of("marketing", "yes".equals(CartPages.first(form, "marketing"))), exchange)
                .map(answer -> Flash.after(answer, PAGE, "consent")));
    }

    @PostMapping("/account/data-export")
    Mono<String> requestExport(ServerWebExchange exchange) {
        return services.send("customer", "POST", "/api/account/data-export", null, exchange)
                .map(answer -> Flash.after(answer, PAGE, "export"));
    }

    /** The archive as a JSON file, as customer-service assembled it. */
    @GetMapping("/account/data-export/{id}")
    Mono<ResponseEntity<String>> download(@PathVariable String id, ServerWebExchange exchange) {
        return services.get("customer", "/api/account/data-export/" + CatalogPages.encode(id), exchange)
                .map(answer -> {
                    if (!answer.ok()) {
                        return ResponseEntity.status(answer.status() == 404 ? HttpStatus.NOT_FOUND
                                        : HttpStatus.SERVICE_UNAVAILABLE)
                                .contentType(MediaType.TEXT_PLAIN).body(answer.detail());
                    }
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                    .filename("atelier-data-" + id.replaceAll("[^A-Za-z0-9-]", "") + ".json")
                                    .build().toString())
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .body(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.json()));
                });
    }

    @GetMapping("/account/erasure")
    String confirmErasure(Model model) {
        model.addAttribute("section", "privacy");
        return "account-erasure";
    }

    /** Only with the confirmation ticked; then the session ends here, as the account is going. */
    @PostMapping("/account/erasure")
    Mono<String> erase(Model model, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            model.addAttribute("section", "privacy");
            if (!"yes".equals(CartPages.first(form, "confirm"))) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("message", "Tick the box to confirm that you want your account erased.");
                return Mono.just("account-erasure");
            }
            return services.send("customer", "POST", "/api/account/erasure", Map.of("confirm", true), exchange)
                    .flatMap(answer -> {
                        if (!answer.ok()) {
                            exchange.getResponse().setStatusCode(Flash.statusOf(answer));
                            model.addAttribute("message", answer.detail());
                            return Mono.just("account-erasure");
                        }
                        model.addAttribute("shopper", null);
                        return exchange.getSession().flatMap(WebSession::invalidate)
                                .thenReturn("account-erased");
                    });
        });
    }
}
