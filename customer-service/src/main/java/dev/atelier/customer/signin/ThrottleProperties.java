package dev.atelier.customer.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.jspecify.annotations.Nullable;

/**
 * {@code atelier.sign-in.*}: how failed sign-ins slow down further attempts.
 *
 * @param account back-off per e-mail address (whether or not an account has it)
 * @param ip back-off per client address
 */
@ConfigurationProperties("atelier.sign-in")
record ThrottleProperties(@Nullable Rule account, @Nullable Rule ip) {

    ThrottleProperties {
        account = account == null ? new Rule(5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)) : account;
        ip = ip == null ? new Rule(20, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1)) : ip;
    }

    @Override
    public Rule account() {
        return java.util.Objects.requireNonNull(account);
    }

    @Override
    public Rule ip() {
        return java.util.Objects.requireNonNull(ip);
    }

    /**
     * After {@code freeFailures} failures, each further failure blocks the key for {@code firstBlock} doubled per
     * failure beyond the free ones, at most {@code maxBlock}; failures older than {@code forgetAfter} start over.
     */
    record Rule(int freeFailures, Duration firstBlock, Duration maxBlock, Duration forgetAfter) {

        Duration blockAfter(int failures) {
            if (failures <= freeFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - freeFailures - 1, 30);
            Duration block = firstBlock.multipliedBy(1L << doublings);
            return block.compareTo(maxBlock) > 0 ? maxBlock : block;
        }
    }
}
