package dev.atelier.gateway.edge;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * RED metrics per route: {@code http.server.requests} carries the id of the route that served a request
 * ({@code route=catalog-api}, {@code none} for the storefront's own pages and the edge's refusals), so that a
 * dashboard shows rate, errors and duration per service behind the gateway.
 */
@Component
class RouteMetrics extends DefaultServerRequestObservationConvention {

    static final String ROUTE = "route";

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object route = context.getAttributes().get(GATEWAY_ROUTE_ATTR);
        String id = route instanceof Route matched ? matched.getId() : "none";
        return super.getLowCardinalityKeyValues(context).and(KeyValue.of(ROUTE, id));
    }
}
