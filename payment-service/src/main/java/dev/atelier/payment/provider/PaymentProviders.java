package dev.atelier.payment.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which provider serves a payment method, by configuration ({@code atelier.payment.methods}); a method whose provider
 * has no keys is served by the sandbox, so that a store without keys runs end to end on this machine.
 */
@Component
public class PaymentProviders {

    public static final String SANDBOX = "sandbox";
    private static final Logger log = LoggerFactory.getLogger(PaymentProviders.class);

    private final Map<String, PaymentProvider> byName = new LinkedHashMap<>();
    private final Map<String, PaymentProvider> byMethod = new LinkedHashMap<>();

    public PaymentProviders(List<PaymentProvider> providers, PaymentProperties properties) {
        providers.forEach(p -> byName.put(p.name(), p));
        PaymentProvider sandbox = byName.get(SANDBOX);
        properties.methods().forEach((method, name) -> {
            PaymentProvider chosen = byName.get(name);
            if (chosen == null || !chosen.configured()) {
                log.info("Payment method '{}' is served by the sandbox: provider '{}' is {}", method, name,
                        chosen == null ? "not available" : "not configured");
                chosen = sandbox;
            } else {
                log.info("Payment method '{}' is served by {}", method, name);
            }
            if (chosen != null) {
                byMethod.put(method.toLowerCase(Locale.ROOT), chosen);
            }
        });
    }

    /** The provider of a payment method; an unknown method is a bad request from the order. */
    public PaymentProvider forMethod(String method) {
        PaymentProvider provider = byMethod.get(method.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new IllegalArgumentException("no provider serves payment method '" + method + "'");
        }
        return provider;
    }

    /** The provider a stored payment was opened with. */
    public PaymentProvider named(String name) {
        PaymentProvider provider = byName.get(name);
        if (provider == null) {
            throw new IllegalStateException("payment provider '" + name + "' is not available in this instance");
        }
        return provider;
    }

    /**
     * Every secret a Stripe-shaped webhook may be signed with: those of the providers serving a method (Stripe's
     * own, the sandbox's). A sandbox that serves nothing signs nothing this service accepts.
     */
    public List<String> stripeWebhookSecrets() {
        return byMethod.values().stream().distinct().flatMap(p -> p.stripeWebhookSecret().stream()).toList();
    }
}
