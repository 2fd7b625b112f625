package dev.atelier.inventory;

import dev.atelier.events.Money;
import dev.atelier.events.order.OrderCancelled;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.events.order.OrderPlaced;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders as order-service announces them, named after what they are. */
public final class Orders {

    private Orders() {
    }

    public static OrderLine line(String sku, int quantity) {
        return new OrderLine(UUID.randomUUID(), sku, quantity, Money.gbp(1500), Map.of());
    }

    public static OrderPlaced aPlacedOrder(UUID orderId, OrderLine... lines) {
        List<OrderLine> all = Arrays.asList(lines);
        Money total = all.stream().map(l -> l.unitPrice().times(l.quantity())).reduce(Money.gbp(0), Money::plus);
        return new OrderPlaced(orderId, "AT-" + orderId.toString().substring(0, 8), "WEB", "shopper@example.co.uk",
                null, all, total, Instant.now());
    }

    /**
     * Order ids whose records land on partitions 0, 1, … {@code partitions - 1} (Kafka's default partitioner:
     * murmur2 of the key), so that a test can reach every partition of a topic.
     */
    public static List<UUID> oneOrderIdPerPartition(int partitions) {
        UUID[] found = new UUID[partitions];
        int missing = partitions;
        while (missing > 0) {
            UUID candidate = UUID.randomUUID();
            byte[] key = candidate.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                    % partitions;
            if (found[partition] == null) {
                found[partition] = candidate;
                missing--;
            }
        }
        return List.of(found);
    }

    public static OrderPlaced aPlacedOrderOf(String sku, int quantity) {
        return aPlacedOrder(UUID.randomUUID(), line(sku, quantity));
    }

    public static OrderConfirmed theConfirmationOf(OrderPlaced order) {
        return new OrderConfirmed(order.orderId(), order.orderNumber(), order.channel(), order.customerEmail(),
                order.lines(), order.total(), Instant.now());
    }

    public static OrderCancelled theCancellationOf(OrderPlaced order, String reason) {
        return new OrderCancelled(order.orderId(), order.orderNumber(), reason, Instant.now());
    }
}
