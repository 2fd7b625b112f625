package dev.atelier.bench;

import dev.atelier.testing.TestTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * {@code ./atelier bench token [--validations 200000] [--threads 2] [--hashes 40]}: what signing in and checking a
 * token cost on this machine.
 * <ol>
 *   <li>Sign-ins: a password sign-in is dominated by one bcrypt check; hashes per second at costs 10, 11 and 12 on
 *       one thread and on {@code --threads} threads bound the sign-ins per second of one instance.</li>
 *   <li>Validation: what platform/web's resource server adds to a request — parsing an RS256 access token, checking
 *       its signature against a key from the JWKS (fetched over HTTP once, then cached, as in production), its expiry
 *       and issuer — per token (p50, p99, p99.9) and tokens per second on {@code --threads} threads.</li>
 * </ol>
 * In-process and without the HTTP stack of a service: it measures the cost of the checks themselves, not a whole
 * request.
 */
final class TokenBenchmark {

    private TokenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.arguments(args);
        int validations = Integer.parseInt(options.getOrDefault("validations", "200000"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int hashes = Integer.parseInt(options.getOrDefault("hashes", "40"));

        System.out.println("sign-ins: bcrypt checks per second (one per password sign-in)");
        for (int cost : new int[] {10, 11, 12}) {
            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(cost);
            String hash = encoder.encode("a long and quiet garden path");
            encoder.matches("warm up", hash);
            long start = System.nanoTime();
            for (int i = 0; i < hashes; i++) {
                encoder.matches("a long and quiet garden path", hash);
            }
            double single = hashes / ((System.nanoTime() - start) / 1e9);
            double parallel = inParallel(threads, hashes, () -> encoder.matches("a long and quiet garden path", hash));
            System.out.printf("  cost %d: %.1f ms per check; %.1f checks/s on 1 thread, %.1f/s on %d threads%n",
                    cost, 1000 / single, single, parallel, threads);
        }

        TestTokens issuer = TestTokens.get();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(TestTokens.ISSUER)));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(TestTokens.customer(UUID.randomUUID()));
        }
        for (int i = 0; i < 20_000; i++) {
            decoder.decode(tokens.get(i % tokens.size()));
        }
        long[] nanos = new long[validations];
        for (int i = 0; i < validations; i++) {
            long start = System.nanoTime();
            decoder.decode(tokens.get(i % tokens.size()));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double perSecond = inParallel(threads, validations, new Runnable() {
            private int next;

            @Override
            public void run() {
                decoder.decode(tokens.get(Math.floorMod(next++, tokens.size())));
            }
        });
        System.out.printf("validation (RS256 2048, JWKS cached, expiry and issuer checked), %d tokens:%n", validations);
        System.out.printf("  per token p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms; %.0f tokens/s on %d threads%n",
                BenchSupport.percentileMillis(nanos, 0.50), BenchSupport.percentileMillis(nanos, 0.99),
                BenchSupport.percentileMillis(nanos, 0.999), perSecond, threads);
        System.exit(0);
    }

    /** Runs {@code total} calls of {@code work} spread over {@code threads} threads; calls per second. */
    private static double inParallel(int threads, int total, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int share = total / threads;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        work.run();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return (total / threads) * threads / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
