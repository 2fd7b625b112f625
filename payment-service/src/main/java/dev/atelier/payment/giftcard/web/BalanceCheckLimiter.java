package dev.atelier.payment.giftcard.web;

import dev.atelier.payment.giftcard.GiftCardProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client (Bucket4j) for the public balance check, so that codes cannot be tried in bulk. The
 * client is the remote address, or the first X-Forwarded-For hop when the remote address is a trusted proxy. The
 * buckets of the least recently seen clients are forgotten beyond 10,000, which only ever gives a client a fresh
 * bucket. Per instance: with several replicas the limit is per replica (a shared store would be next).
 */
@Component
class BalanceCheckLimiter {

    private static final int MAX_CLIENTS = 10_000;

    private final GiftCardProperties properties;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    BalanceCheckLimiter(GiftCardProperties properties) {
        this.properties = properties;
    }

    /** Takes one check from the client's bucket; the wait until the next one when it is empty. */
    Duration tryCheck(HttpServletRequest request) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(client(request), key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(properties.balanceChecksPerMinute())
                            .refillGreedy(properties.balanceChecksPerMinute(), Duration.ofMinutes(1)).build())
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private String client(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank() && properties.trustedProxies().contains(remote)) {
            return forwarded.split(",")[0].trim();
        }
        return remote;
    }
}
