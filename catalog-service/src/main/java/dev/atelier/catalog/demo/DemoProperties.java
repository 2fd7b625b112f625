package dev.atelier.catalog.demo;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.demo}: whether this instance fills an empty store with the demo catalogue (the {@code local}
 * profile of {@code ./atelier up} turns it on), where inventory's admin API is, how long to wait for it, and how
 * the demo admin signs in to get the token both admin APIs require.
 */
@ConfigurationProperties("atelier.demo")
record DemoProperties(@DefaultValue("false") boolean seed,
        @DefaultValue("http://localhost:8083") URI inventoryUrl,
        @DefaultValue("5m") Duration inventoryWait,
        @DefaultValue SignIn signIn) {

    /**
     * The demo admin's sign-in at customer-service (local configuration only: {@code ./atelier up} creates this
     * admin with this authenticator secret).
     *
     * @param url customer-service, the authorization server
     * @param clientId a first-party client registered there for the seeder (authorization code with PKCE)
     * @param clientSecret its secret
     * @param redirectUri the redirect URI registered for it; the seeder reads the code from the redirect and never
     *     follows it
     * @param email the demo admin's e-mail
     * @param password its password
     * @param totpSecret its authenticator's Base32 secret, from which the seeder computes the current code
     * @param readyWait how long to wait for customer-service to be ready
     */
    record SignIn(@DefaultValue("http://localhost:8088") URI url,
            @DefaultValue("demo-seeder") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("http://localhost:8081/demo/signed-in") URI redirectUri,
            @DefaultValue("") String email,
            @DefaultValue("") String password,
            @DefaultValue("") String totpSecret,
            @DefaultValue("10m") Duration readyWait) {
    }
}
