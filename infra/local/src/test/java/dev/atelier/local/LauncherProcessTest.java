package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.testing.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as {@code ./atelier up} runs it, in a JVM of its own, and {@code status}, a second {@code up} and
 * {@code down} as another terminal would run them.
 */
class LauncherProcessTest {

    @TempDir
    Path repository;

    private final int kafkaPort = TestPorts.free();
    private final int postgresPort = TestPorts.free();
    private Process launcher;

    @AfterEach
    void stopTheLauncher() {
        if (launcher != null && launcher.isAlive()) {
            Processes.terminate(launcher.toHandle(), Duration.ofSeconds(20));
        }
    }

    @Test
    void runsTheInfrastructureAloneUntilDownStopsIt() throws Exception {
        Path home = repository.resolve(".atelier");
        Path stdout = repository.resolve("launcher-stdout.txt");
        launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "up",
                "--repo", repository.toString(), "--kafka-port", String.valueOf(kafkaPort),
                "--postgres-port", String.valueOf(postgresPort))
                .redirectErrorStream(true).redirectOutput(stdout.toFile()).start();

        await("the launcher to report ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !launcher.isAlive() || Files.readString(stdout).contains("Ctrl-C or ./atelier down"));
        assertThat(launcher.isAlive()).as(Files.readString(stdout)).isTrue();
        assertThat(Files.readString(stdout))
                .contains("services found: none yet")
                .contains("starting Kafka on localhost:" + kafkaPort + " and PostgreSQL on localhost:" + postgresPort)
                .contains("infrastructure ready in");

        assertThat(databases()).containsAll(ServiceDefinition.standard().stream()
                .map(ServiceDefinition::database).filter(Objects::nonNull).toList());
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
            admin.createTopics(List.of(new NewTopic("launcher.probe", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("launcher.probe");
        }
        StackState state = StackState.readFrom(home.resolve("state.json")).orElseThrow();
        assertThat(state.launcherPid()).isEqualTo(launcher.pid());
        assertThat(state.kafka().port()).isEqualTo(kafkaPort);
        assertThat(state.postgres().port()).isEqualTo(postgresPort);
        assertThat(state.services()).isEmpty();
        assertThat(Files.readString(home.resolve("launcher.pid")).strip()).isEqualTo(String.valueOf(launcher.pid()));
        assertThat(Files.size(home.resolve("logs/kafka.log"))).isPositive();
        assertThat(Files.readString(stdout)).doesNotContain("INFO", "WARN", "Formatting metadata");

        Output second = new Output();
        String[] here = {"--home", home.toString(), "--repo", repository.toString(),
                "--kafka-port", String.valueOf(TestPorts.free()), "--postgres-port", String.valueOf(TestPorts.free())};
        try (LocalStack another = new LocalStack(Launcher.Options.parse(arguments("up", here)).settings(), second.stream())) {
            assertThat(another.up()).isEqualTo(LocalStack.Outcome.ALREADY_RUNNING);
        }
        assertThat(second.text()).contains("atelier is already running (pid " + launcher.pid() + ")");

        Output status = new Output();
        assertThat(Launcher.run(arguments("status", here), status.stream())).isZero();
        assertThat(status.text()).containsPattern("kafka +localhost:" + kafkaPort + " +ready")
                .containsPattern("postgresql +localhost:" + postgresPort + " +ready");

        Output down = new Output();
        assertThat(Launcher.run(arguments("down", here), down.stream())).isZero();

        assertThat(down.text()).contains("stopping atelier (pid " + launcher.pid() + ")", "atelier stopped in");
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
        String stopped = Files.readString(stdout);
        assertThat(stopped.indexOf("Kafka stopped")).isPositive().isLessThan(stopped.indexOf("PostgreSQL stopped"));
        // PostgreSQL's postmaster is a process of its own: its socket may close a moment after the launcher exits
        await("the ports to close").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Readiness.isListening(kafkaPort) && !Readiness.isListening(postgresPort));
        assertThat(home.resolve("launcher.pid")).doesNotExist();
        assertThat(home.resolve("state.json")).doesNotExist();

        Output after = new Output();
        assertThat(Launcher.run(arguments("status", here), after.stream())).isEqualTo(Launcher.NOT_RUNNING);
        assertThat(after.text()).contains("atelier is not running");
    }

    private List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                EmbeddedPostgresServer.USER, "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String[] arguments(String command, String[] options) {
        String[] all = new String[options.length + 1];
        all[0] = command;
        System.arraycopy(options, 0, all, 1, options.length);
        return all;
    }
}
