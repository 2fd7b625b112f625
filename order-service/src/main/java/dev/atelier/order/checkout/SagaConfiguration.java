package dev.atelier.order.checkout;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The saga as a bean, the clock it reads, and its timeout job run by one replica at a time (ShedLock). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
class SagaConfiguration {

    @Bean
    CheckoutSaga checkoutSaga(SagaProperties properties) {
        return new CheckoutSaga(properties.stockTimeout(), properties.paymentTimeout());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
