package dev.atelier.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor the checkout is measured against: the same checkout as ONE SQL transaction on the same PostgreSQL, by
 * as many JDBC clients (a connection each) as there are shoppers: insert the order and its line, take the unit
 * with a conditional stock update ({@code on_hand >= quantity}, else roll back as out of stock), insert the payment,
 * commit. In a scratch database of its own ({@value #DATABASE}, dropped and created again), never the services'.
 */
final class CheckoutFloor {

    static final String DATABASE = "atelier_bench_floor";

    record Result(int clients, long checkouts, long outOfStock, long failed, Duration wall, double perSecond,
            double p50Millis, double p99Millis) {
    }

    private final String server;
    private final String user;
    private final List<String> skus;

    /** {@code server}: {@code jdbc:postgresql://host:port/}, without a database. */
    CheckoutFloor(String server, String user, List<String> skus) {
        this.server = server;
        this.user = user;
        this.skus = List.copyOf(skus);
    }

    /** The scratch database, from empty, with every SKU holding {@code units}. */
    void prepare(long units) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE floor_stock (sku text PRIMARY KEY, on_hand bigint NOT NULL CHECK (on_hand >= 0));
                    CREATE TABLE floor_order (id uuid PRIMARY KEY, number bigserial UNIQUE, email text NOT NULL,
                        status text NOT NULL, total_amount bigint NOT NULL, currency char(3) NOT NULL,
                        shipping_address jsonb NOT NULL, placed_at timestamptz NOT NULL);
                    CREATE TABLE floor_order_line (id uuid PRIMARY KEY, order_id uuid NOT NULL REFERENCES floor_order,
                        sku text NOT NULL, quantity int NOT NULL, unit_amount bigint NOT NULL);
                    CREATE INDEX floor_order_line_order ON floor_order_line (order_id);
                    CREATE TABLE floor_payment (id uuid PRIMARY KEY, order_id uuid NOT NULL REFERENCES floor_order,
                        amount bigint NOT NULL, currency char(3) NOT NULL, status text NOT NULL,
                        created_at timestamptz NOT NULL);
                    CREATE INDEX floor_payment_order ON floor_payment (order_id);
                    """);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO floor_stock (sku, on_hand) VALUES (?, ?)")) {
                for (String sku : skus) {
                    insert.setString(1, sku);
                    insert.setLong(2, units);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** {@code clients} threads, each on a connection of its own, checking out back to back for the duration. */
    Result run(int clients, Duration duration) throws Exception {
        AtomicLong checkouts = new AtomicLong();
        AtomicLong outOfStock = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection connection = connect();
                connection.setAutoCommit(false);
                connections.add(connection);
            }
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (Connection connection : connections) {
                threads.add(Thread.ofPlatform().start(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long begin = System.nanoTime();
                        try {
                            if (checkout(connection)) {
                                checkouts.incrementAndGet();
                                mine.add(System.nanoTime() - begin);
                            } else {
                                outOfStock.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            failed.incrementAndGet();
                            try {
                                connection.rollback();
                            } catch (SQLException ignored) {
                                // the next checkout reports a broken connection
                            }
                        }
                    }
                    latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(clients, checkouts.get(), outOfStock.get(), failed.get(), wall,
                    checkouts.get() / (wall.toNanos() / 1e9), BenchSupport.percentileMillis(all, 0.50),
                    BenchSupport.percentileMillis(all, 0.99));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** One checkout as one transaction; false (rolled back) when the SKU has no unit left. */
    private boolean checkout(Connection connection) throws SQLException {
        String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
        UUID order = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        long amount = 1500;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO floor_order (id, email, status, total_amount, currency, shipping_address, placed_at)
                VALUES (?, ?, 'PAID', ?, 'GBP', ?::jsonb, ?)""")) {
            insert.setObject(1, order);
            insert.setString(2, "bench.shopper@example.co.uk");
            insert.setLong(3, amount);
            insert.setString(4, "{\"name\":\"Sophie Hart\",\"line1\":\"1 High Street\",\"city\":\"Bath\","
                    + "\"postcode\":\"BA1 1AA\",\"country\":\"GB\"}");
            insert.setTimestamp(5, now);
            insert.executeUpdate();
        }
        try (PreparedStatement line = connection.prepareStatement("""
                INSERT INTO floor_order_line (id, order_id, sku, quantity, unit_amount) VALUES (?, ?, ?, 1, ?)""")) {
            line.setObject(1, UUID.randomUUID());
            line.setObject(2, order);
            line.setString(3, sku);
            line.setLong(4, amount);
            line.executeUpdate();
        }
        try (PreparedStatement take = connection.prepareStatement(
                "UPDATE floor_stock SET on_hand = on_hand - 1 WHERE sku = ? AND on_hand >= 1")) {
            take.setString(1, sku);
            if (take.executeUpdate() == 0) {
                connection.rollback();
                return false;
            }
        }
        try (PreparedStatement payment = connection.prepareStatement("""
                INSERT INTO floor_payment (id, order_id, amount, currency, status, created_at)
                VALUES (?, ?, ?, 'GBP', 'SUCCEEDED', ?)""")) {
            payment.setObject(1, UUID.randomUUID());
            payment.setObject(2, order);
            payment.setLong(3, amount);
            payment.setTimestamp(4, now);
            payment.executeUpdate();
        }
        connection.commit();
        return true;
    }

    /** Drops the scratch database. */
    void drop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server + DATABASE, user, "");
    }
}
