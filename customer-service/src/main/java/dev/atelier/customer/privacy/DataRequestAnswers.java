package dev.atelier.customer.privacy;

import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.UndeliverableEventException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other services' answers to a data request, from {@code customer.data-request}. An answer that cannot belong
 * to a request here (unknown request, another customer's, the wrong kind, an export part for a customer erased
 * since) is logged and dropped: no retry or replay can make it fit, and a dead letter would wait forever. A part that
 * is not a JSON object, or is larger than the contract allows, is the sending service's bug and is dead-lettered
 * with the reason, for its owners to see.
 */
@Component
class DataRequestAnswers {

    private static final Logger log = LoggerFactory.getLogger(DataRequestAnswers.class);
    private static final int MAX_SERVICE_NAME = 100;

    private final DataRequests requests;
    private final JsonMapper json;

    DataRequestAnswers(DataRequests requests, JsonMapper json) {
        this.requests = requests;
        this.json = json;
    }

    @EventHandler
    void on(CustomerDataPartReady ready) {
        checkService(ready.service());
        if (ready.partJson().getBytes(StandardCharsets.UTF_8).length > CustomerDataPartReady.MAX_PART_BYTES) {
            throw new UndeliverableEventException("the part of " + ready.service() + " for request "
                    + ready.requestId() + " is larger than " + CustomerDataPartReady.MAX_PART_BYTES + " bytes");
        }
        JsonNode part;
        try {
            part = json.readTree(ready.partJson());
        } catch (JacksonException notJson) {
            throw new UndeliverableEventException("the part of " + ready.service() + " for request "
                    + ready.requestId() + " is not JSON", notJson);
        }
        if (part == null || !part.isObject()) {
            throw new UndeliverableEventException("the part of " + ready.service() + " for request "
                    + ready.requestId() + " is not a JSON object");
        }
        DataRequests.Recorded recorded = requests.recordPart(ready.requestId(), ready.customerId(), ready.service(),
                json.writeValueAsString(part), ready.preparedAt());
        report("export part", ready.service(), ready.requestId().toString(), recorded);
    }

    @EventHandler
    void on(CustomerErasureConfirmed confirmed) {
        checkService(confirmed.service());
        DataRequests.Recorded recorded = requests.recordErasure(confirmed.requestId(), confirmed.customerId(),
                confirmed.service(), confirmed.deleted(), confirmed.anonymised(), confirmed.confirmedAt());
        report("erasure confirmation", confirmed.service(), confirmed.requestId().toString(), recorded);
    }

    private static void checkService(String service) {
        if (service.isBlank() || service.length() > MAX_SERVICE_NAME) {
            throw new UndeliverableEventException("an answer to a data request names no service, or one longer than "
                    + MAX_SERVICE_NAME + " characters");
        }
    }

    private static void report(String what, String service, String requestId, DataRequests.Recorded recorded) {
        switch (recorded) {
            case RECORDED -> log.info("{} of {} recorded on data request {}", what, service, requestId);
            case REPEATED -> log.debug("{} of {} on data request {} repeated", what, service, requestId);
            case UNKNOWN_REQUEST -> log.warn("{} of {} ignored: no data request {} here", what, service, requestId);
            case OTHER_CUSTOMER -> log.warn("{} of {} ignored: data request {} belongs to another customer", what,
                    service, requestId);
            case OTHER_KIND -> log.warn("{} of {} ignored: data request {} is not of that kind", what, service,
                    requestId);
            case CUSTOMER_ERASED -> log.info("{} of {} dropped: the customer of data request {} has been erased since",
                    what, service, requestId);
        }
    }
}
