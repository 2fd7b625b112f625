package dev.atelier.cart;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Carts and their prices: the service that makes sure a shopper pays exactly the total the cart showed. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CartApplication {

    public static void main(String[] args) {
        SpringApplication.run(CartApplication.class, args);
    }

    /** Every time the service writes or compares comes from this clock, so that tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
