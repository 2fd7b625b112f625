package dev.atelier.customer.account;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords (and client secrets) are hashed with bcrypt through a {@link DelegatingPasswordEncoder}: each hash
 * says which encoder made it ({@code {bcrypt}…}), so a later move to another encoder or cost leaves old hashes
 * readable and upgradable at the next sign-in.
 */
@Configuration(proxyBeanMethods = false)
class PasswordsConfiguration {

    /**
     * {@code atelier.passwords.*}.
     *
     * @param bcryptCost bcrypt's log2 work factor (10 ≈ 60 ms here; every step doubles it)
     * @param minLength the shortest password accepted
     */
    @ConfigurationProperties("atelier.passwords")
    record PasswordProperties(@DefaultValue("11") int bcryptCost, @DefaultValue("12") int minLength) {
    }

    @Bean
    PasswordEncoder passwordEncoder(PasswordProperties properties) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptCost())));
    }

    @Bean
    PasswordPolicy passwordPolicy(PasswordProperties properties) {
        return PasswordPolicy.withShippedList(properties.minLength());
    }
}
