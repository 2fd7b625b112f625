package dev.atelier.customer.authserver;

import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers (or updates) the configured first-party clients at start: authorization code with PKCE required,
 * refresh tokens that rotate at each use, and no consent screen, since the store asks nothing of itself.
 */
@Component
class ClientRegistrar implements ApplicationRunner {

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final IdentityProperties properties;

    ClientRegistrar(RegisteredClientRepository clients, PasswordEncoder passwords, IdentityProperties properties) {
        this.clients = clients;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        properties.clients().forEach(this::register);
    }

    void register(IdentityProperties.Client client) {
        RegisteredClient existing = clients.findByClientId(client.clientId());
        String id = existing == null ? UUID.randomUUID().toString() : existing.getId();
        String secretHash = existing != null && existing.getClientSecret() != null
                && passwords.matches(client.clientSecret(), existing.getClientSecret())
                ? existing.getClientSecret() : passwords.encode(client.clientSecret());
        clients.save(RegisteredClient.withId(id)
                .clientId(client.clientId())
                .clientSecret(secretHash)
                .clientName(client.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(client.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        .reuseRefreshTokens(false)
                        .build())
                .build());
    }
}
