package dev.atelier.cart.pricing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine, built from {@code atelier.pricing.*}. */
@Configuration(proxyBeanMethods = false)
class PricingConfiguration {

    @Bean
    PricingEngine pricingEngine(PricingProperties properties) {
        return new PricingEngine(properties);
    }
}
