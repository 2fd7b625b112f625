package dev.atelier.customer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Accounts and sign-in for shoppers and staff: the identity every other service trusts through its tokens. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CustomerApplication.class, args);
    }
}
