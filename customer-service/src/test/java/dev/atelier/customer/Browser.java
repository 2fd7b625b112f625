package dev.atelier.customer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser stand-in over real HTTP: keeps cookies, does not follow redirects (the tests look at each hop), and
 * fills in a page's CSRF token when it posts a form, as the real page would, and the bot check's token when the page
 * shows the Turnstile widget, as a person completing it would.
 */
public final class Browser {

    public static final String TURNSTILE_FIELD = "cf-turnstile-response";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client;
    private final String base;
    private final String ip;

    public Browser(int port) {
        this(port, "127.0.0.1");
    }

    public Browser(int port, String ip) {
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = "http://localhost:" + port;
        this.ip = ip;
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
    }

    /** GETs {@code page}, then posts {@code fields} to {@code action} with the page's CSRF token. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
        HttpResponse<String> form = get(page);
        Matcher csrf = CSRF.matcher(form.body());
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf.find()) {
            all.put("_csrf", csrf.group(1));
        }
        if (form.body().contains("class=\"cf-turnstile\"")) {
            // the widget a person completes gives the form a token (CloudflareStub accepts it)
            all.putIfAbsent(TURNSTILE_FIELD, "token-of-a-person");
        }
        return post(action, all);
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows redirects from {@code response} while they stay on this server; returns the first other answer. */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            URI next = current.uri().resolve(location);
            if (!next.toString().startsWith(base)) {
                return current;
            }
            current = get(next.toString());
        }
        return current;
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.header("X-Forwarded-For", ip).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
