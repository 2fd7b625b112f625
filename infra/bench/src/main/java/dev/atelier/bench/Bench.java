package dev.atelier.bench;

import java.util.Arrays;

/**
 * {@code ./atelier bench [cart|catalog|checkout|inventory|notification|payment|relay|render|saga|token] [--options]}:
 * picks the benchmark; relay when none is named. {@code help} lists them.
 */
public final class Bench {

    private Bench() {
    }

    private static final String NAMES =
            "cart, catalog, checkout, inventory, notification, payment, relay, render, saga, token";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("./atelier bench [name] [--option value ...]: one of " + NAMES
                    + " (relay when none is named). Each benchmark's options and goal: infra/bench/README.md");
            return;
        }
        String which = args.length > 0 && !args[0].startsWith("--") ? args[0] : "relay";
        String[] rest = args.length > 0 && !args[0].startsWith("--") ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (which) {
            case "cart" -> CartBenchmark.main(rest);
            case "catalog" -> CatalogBenchmark.main(rest);
            case "checkout" -> CheckoutBenchmark.main(rest);
            case "inventory" -> InventoryBenchmark.main(rest);
            case "notification" -> NotificationBenchmark.main(rest);
            case "payment" -> PaymentBenchmark.main(rest);
            case "relay" -> RelayBenchmark.main(rest);
            case "render" -> RenderBenchmark.main(rest);
            case "saga" -> SagaBenchmark.main(rest);
            case "token" -> TokenBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark " + which + ": " + NAMES);
                System.exit(2);
            }
        }
    }
}
