package dev.atelier.payment.sandbox.web;

import dev.atelier.payment.provider.PaymentProperties;
import dev.atelier.payment.sandbox.SandboxCheckout;
import dev.atelier.payment.sandbox.SandboxCheckout.Outcome;
import dev.atelier.payment.sandbox.SandboxSession;
import dev.atelier.web.ProblemException;
import java.net.URI;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sandbox's hosted payment page, the stand-in for Stripe's: the amount and the store, and buttons that pay,
 * decline, fail 3-D Secure or pay after expiry (the last two post to pay with a scenario). Pay and decline answer
 * with a redirect (303) to the store's success or cancel page once this service's webhook endpoint has accepted the
 * matching event.
 */
@RestController
class SandboxPageController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

    private final SandboxCheckout checkout;
    private final PaymentProperties properties;

    SandboxPageController(SandboxCheckout checkout, PaymentProperties properties) {
        this.checkout = checkout;
        this.properties = properties;
    }

    @GetMapping(value = "/pay/sandbox/{sessionId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String sessionId) {
        return ResponseEntity.ok().contentType(HTML).body(render(session(sessionId), null));
    }

    /**
     * Pay. The testing buttons post here too, with {@code scenario=3ds-fail} or {@code scenario=after-expiry}, so
     * that every button is one of the two paths the gateway lets through without a CSRF token.
     */
    @PostMapping("/pay/sandbox/{sessionId}/pay")
    ResponseEntity<String> pay(@PathVariable String sessionId,
            @RequestParam(name = "scenario", required = false) @Nullable String scenario) {
        SandboxSession session = session(sessionId);
        if (scenario == null || scenario.isBlank()) {
            return answer(session, checkout::pay);
        }
        return switch (scenario) {
            // as on Stripe's page: nothing is charged, nothing reported, the shopper may try again
            case "3ds-fail" -> ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).contentType(HTML)
                    .body(render(session, "3-D Secure authentication failed: your card was not charged."));
            case "after-expiry" -> answer(session, checkout::payAfterExpiry);
            default -> throw ProblemException.badRequest("invalid-request",
                    "scenario: one of 3ds-fail, after-expiry, or none");
        };
    }

    @PostMapping("/pay/sandbox/{sessionId}/decline")
    ResponseEntity<String> decline(@PathVariable String sessionId) {
        return answer(session(sessionId), checkout::decline);
    }

    private ResponseEntity<String> answer(SandboxSession session, Function<SandboxSession, Outcome> action) {
        Outcome outcome = action.apply(session);
        if (outcome.delivered()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(outcome.redirectUrl())).build();
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(HTML)
                .body(render(session, outcome.message()));
    }

    private SandboxSession session(String sessionId) {
        return checkout.session(sessionId).orElseThrow(() -> ProblemException.notFound("unknown-session",
                "no sandbox payment session " + sessionId));
    }

    private String render(SandboxSession session, @Nullable String message) {
        String base = "/pay/sandbox/" + HtmlUtils.htmlEscape(session.id(), "UTF-8");
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
        Currency currency = Currency.getInstance(session.currency());
        format.setCurrency(currency);
        String amount = format.format(java.math.BigDecimal.valueOf(session.amount(), currency.getDefaultFractionDigits()));
        String notice = message == null ? "" : "<p class=\"notice\">" + HtmlUtils.htmlEscape(message, "UTF-8") + "</p>";
        String state = session.open() ? "" : "<p class=\"notice\">This session is " + session.status().toLowerCase(Locale.ROOT)
                + ".</p>";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Pay %1$s — %2$s (sandbox)</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
                .amount{font-size:2rem;font-weight:600}.notice{color:#a40000}form{display:inline}
                button{margin:.25rem;padding:.6rem 1rem;font-size:1rem}</style></head>
                <body><h1>%2$s</h1><p>Sandbox payment: no real money moves.</p>
                <p>Order %3$s</p><p class="amount" id="amount">%1$s</p>%4$s%5$s
                <form method="post" action="%6$s/pay"><button id="pay">Pay</button></form>
                <form method="post" action="%6$s/decline"><button id="decline">Decline</button></form>
                <h2>Testing</h2>
                <form method="post" action="%6$s/pay"><input type="hidden" name="scenario" value="3ds-fail">
                <button id="fail-3ds">3-D Secure fails</button></form>
                <form method="post" action="%6$s/pay"><input type="hidden" name="scenario" value="after-expiry">
                <button id="pay-after-expiry">Pay after expiry</button></form>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(amount, "UTF-8"), HtmlUtils.htmlEscape(properties.storeName(), "UTF-8"),
                HtmlUtils.htmlEscape(session.orderNumber(), "UTF-8"), state, notice, base);
    }
}
