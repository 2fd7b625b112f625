package dev.atelier.payment.webhook;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verified Stripe event, read with Jackson for the few fields this service acts on: its id, its type and its
 * {@code data.object}. stripe-java's own reader ({@code Webhook.constructEvent}'s second half) builds a new Gson per
 * event and maps the whole object reflectively, then maps {@code data.object} a second time into its model class;
 * that was the largest single cost of a webhook after the HTTP stack. Field names are Stripe's, which do not
 * change between API versions for the fields read here.
 */
public record StripeEvent(String id, String type, @Nullable JsonNode object) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Reads a signed body.
     *
     * @throws InvalidSignatureException when it is not a Stripe event (no id or type)
     */
    static StripeEvent parse(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidSignatureException("the signed body is not a Stripe event");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        if (!root.isObject() || id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new InvalidSignatureException("the signed body is not a Stripe event");
        }
        JsonNode data = root.get("data");
        JsonNode object = data == null ? null : data.get("object");
        return new StripeEvent(id, type, object != null && object.isObject() ? object : null);
    }

    /**
     * {@code data.object}, for the types that need it.
     *
     * @throws InvalidSignatureException when the event carries none
     */
    JsonNode requireObject() {
        if (object == null) {
            throw new InvalidSignatureException("event " + id + " carries no readable object");
        }
        return object;
    }

    /** A string field of the object; an expanded object (e.g. {@code payment_intent}) gives its id. */
    @Nullable String string(String field) {
        return text(requireObject(), field);
    }

    /** A whole-number field of the object (amounts in minor units); null when absent. */
    @Nullable Long number(String field) {
        JsonNode value = requireObject().get(field);
        return value == null || value.isNull() || !value.isNumber() ? null : value.asLong();
    }

    /** {@code metadata.paymentId} of the object, when it is a UUID this service wrote. */
    Optional<UUID> metadataPaymentId() {
        JsonNode metadata = requireObject().get("metadata");
        String paymentId = metadata == null ? null : text(metadata, "paymentId");
        if (paymentId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(paymentId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            return text(value, "id");
        }
        return value.isValueNode() ? value.asString() : null;
    }
}
