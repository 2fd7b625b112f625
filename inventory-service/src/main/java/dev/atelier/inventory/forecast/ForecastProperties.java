package dev.atelier.inventory.forecast;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.forecast.*}.
 *
 * @param leadTimeDays days a supplier takes to deliver a reorder
 * @param coverDays days of sales a reorder should cover after it arrives
 */
@ConfigurationProperties("atelier.forecast")
record ForecastProperties(@DefaultValue("14") int leadTimeDays, @DefaultValue("30") int coverDays) {
}
