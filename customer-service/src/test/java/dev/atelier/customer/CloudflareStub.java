package dev.atelier.customer;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Cloudflare's Turnstile siteverify as WireMock plays it, one server per test JVM: the tests' context has the bot
 * check on against it. It accepts every token the widget would give a person ({@link Browser} fills one in when a
 * page shows the widget) and refuses {@link #FORGED}, as Cloudflare refuses a bot's.
 */
public final class CloudflareStub {

    public static final String SITE_KEY = "turnstile-test-site-key";
    public static final String SECRET = "turnstile-test-secret";
    public static final String PATH = "/turnstile/v0/siteverify";
    public static final String FORGED = "forged-token";
    public static final WireMockServer SERVER = start();

    private CloudflareStub() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(5)
                .willReturn(okJson("{\"success\":true,\"error-codes\":[]}")));
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).withRequestBody(containing("response=" + FORGED))
                .willReturn(okJson("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}")));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static String verifyUrl() {
        return "http://localhost:" + SERVER.port() + PATH;
    }

    /** Turns the bot check on in the tests' context, against this stand-in. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("cloudflare-stub", Map.of(
                    "atelier.turnstile.site-key", SITE_KEY,
                    "atelier.turnstile.secret", SECRET,
                    "atelier.turnstile.verify-url", verifyUrl())));
        }
    }
}
