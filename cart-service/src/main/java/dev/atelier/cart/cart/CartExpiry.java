package dev.atelier.cart.cart;

import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires carts idle for 30 days ({@code atelier.cart.idle-expiry}), on one replica at a time. */
@Component
public class CartExpiry {

    private static final Logger log = LoggerFactory.getLogger(CartExpiry.class);
    private static final int BATCH = 500;

    private final Carts carts;
    private final CartProperties properties;
    private final Clock clock;

    CartExpiry(Carts carts, CartProperties properties, Clock clock) {
        this.carts = carts;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${atelier.cart.sweep-interval:5m}",
            initialDelayString = "${atelier.cart.sweep-interval:5m}")
    @SchedulerLock(name = "cart-expiry", lockAtMostFor = "PT10M")
    public void expireIdleCarts() {
        int total = 0;
        int expired;
        do {
            expired = expireBatch();
            total += expired;
        } while (expired == BATCH);
        if (total > 0) {
            log.info("Expired {} cart(s) idle for {}", total, properties.idleExpiry());
        }
    }

    /** One statement: the batch expires whole or not at all. */
    int expireBatch() {
        Instant now = clock.instant();
        return carts.expireIdle(now.minus(properties.idleExpiry()), now, BATCH);
    }
}
