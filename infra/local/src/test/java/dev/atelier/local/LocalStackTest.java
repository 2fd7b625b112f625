package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.atelier.local.StackState.Component;
import dev.atelier.local.StackState.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's core in this JVM, with fake services in JVMs of their own. */
class LocalStackTest {

    @TempDir
    Path repository;

    private final Output output = new Output();
    private final ServiceDefinition alpha = new ServiceDefinition("alpha-service", "alpha-service", TestPorts.free(), "alpha");
    private final ServiceDefinition beta = new ServiceDefinition("beta-service", "beta-service", TestPorts.free(), "beta");
    private final ServiceDefinition broken = new ServiceDefinition("broken-service", "broken-service", TestPorts.free(), null);

    @Test
    void startsEveryServiceWithItsSettingsAndStopsThemBeforeTheInfrastructure() throws Exception {
        LocalStack stack = stack(List.of(alpha, beta), Map.of("alpha-service", "ready-with-child", "beta-service", "ready"));
        try {
            assertThat(stack.up()).isEqualTo(LocalStack.Outcome.READY);

            assertThat(output.text())
                    .contains("services found: alpha-service, beta-service")
                    .contains("alpha-service ready in", "beta-service ready in")
                    .contains("store: not yet");
            StackState state = StackState.readFrom(repository.resolve(".atelier/state.json")).orElseThrow();
            assertThat(state.services()).extracting(Component::name, Component::state)
                    .containsExactly(tuple("alpha-service", State.READY),
                            tuple("beta-service", State.READY));
            assertThat(StatusTable.render(state)).anySatisfy(line -> assertThat(line)
                    .startsWith("alpha-service").contains(alpha.url(), "ready"));
            assertThat(get(alpha.url() + "/environment")).contains(
                    "SERVER_PORT=" + alpha.port(),
                    "SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:" + state.postgres().port() + "/alpha",
                    "SPRING_DATASOURCE_USERNAME=postgres",
                    "SPRING_DATASOURCE_PASSWORD=\n",
                    "SPRING_KAFKA_BOOTSTRAP_SERVERS=localhost:" + state.kafka().port(),
                    "ATELIER_SERVICES_ALPHA_URL=" + alpha.url(),
                    "ATELIER_SERVICES_BETA_URL=" + beta.url(),
                    "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true");
            // --postgres-settings reach the server
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:"
                    + state.postgres().port() + "/alpha", "postgres", "");
                    ResultSet workMem = connection.createStatement().executeQuery("SHOW work_mem")) {
                assertThat(workMem.next()).isTrue();
                assertThat(workMem.getString(1)).isEqualTo("7MB");
            }
            long grandchild = childPid(repository.resolve(".atelier/logs/alpha-service.log"));
            List<Long> pids = state.services().stream().map(Component::pid).toList();
            assertThat(ProcessHandle.of(grandchild)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

            stack.close();

            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
            assertThat(ProcessHandle.of(grandchild).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(Readiness.isListening(alpha.port())).isFalse();
            assertThat(Readiness.isListening(state.kafka().port())).isFalse();
            assertThat(Readiness.isListening(state.postgres().port())).isFalse();
            String text = output.text();
            assertThat(text.indexOf("alpha-service stopped")).isPositive().isLessThan(text.indexOf("Kafka stopped"));
            assertThat(text.indexOf("Kafka stopped")).isLessThan(text.indexOf("PostgreSQL stopped"));
            assertThat(repository.resolve(".atelier/launcher.pid")).doesNotExist();
            assertThat(repository.resolve(".atelier/state.json")).doesNotExist();
        } finally {
            stack.close();
        }
    }

    @Test
    void reportsAServiceThatFailsWithTheTailOfItsLogAndStopsTheRest() {
        LocalStack stack = stack(List.of(alpha, broken), Map.of("alpha-service", "ready", "broken-service", "fail"));
        try {
            assertThat(stack.up()).isEqualTo(LocalStack.Outcome.FAILED);

            assertThat(output.text())
                    .contains("broken-service failed: exited with code 3 before it was ready")
                    .contains("last 40 lines of .atelier/logs/broken-service.log:")
                    .contains("  | " + FakeService.FAILURE_LINE)
                    .contains("  | starting line " + FakeService.FAILURE_LOG_LINES)
                    .contains("  | starting line 22\n")
                    .doesNotContain("  | starting line 21\n");
            Long alphaPid = stack.state().services().getFirst().pid();

            stack.close();

            assertThat(alphaPid).isNotNull();
            assertThat(ProcessHandle.of(alphaPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(Readiness.isListening(alpha.port())).isFalse();
            assertThat(output.text()).contains("PostgreSQL stopped");
        } finally {
            stack.close();
        }
    }

    @Test
    void keepsTheStartUpCacheAServiceRecordedOnceItHasStopped() throws IOException {
        Path cache = Files.createDirectories(repository.resolve("cache"));
        LocalStack stack = stack(List.of(alpha, beta), new FakeCommand(Map.of("alpha-service", "ready-recording",
                "beta-service", "ready"), cache));
        try {
            assertThat(stack.up()).isEqualTo(LocalStack.Outcome.READY);
            assertThat(output.text()).contains("start-up cache: recorded by 1 on this run");
            assertThat(cache.resolve("alpha-service.recording.aot")).doesNotExist();

            stack.close();

            assertThat(cache.resolve("alpha-service.aot")).hasContent("classes of the fake service");
            assertThat(cache.resolve("alpha-service.recording.aot")).doesNotExist();
            assertThat(output.text()).contains("writing the start-up cache of 1 service as they stop")
                    .contains("alpha-service stopped in").contains(", start-up cache written");
        } finally {
            stack.close();
        }
    }

    @Test
    void refusesToStartAServiceThatWasNotBuilt() throws IOException {
        Files.createDirectories(repository.resolve("alpha-service"));
        Files.writeString(repository.resolve("alpha-service/pom.xml"), "<project/>");
        LocalStack.Settings settings = new LocalStack.Settings(repository, new Home(repository.resolve(".atelier")),
                TestPorts.free(), TestPorts.free(), false, List.of(alpha),
                new JarCommand(repository, Path.of("java"), List.of()), Duration.ofSeconds(30), Duration.ofSeconds(5), 2,
                Instant.now(), Map.of());
        try (LocalStack stack = new LocalStack(settings, output.stream())) {
            assertThat(stack.up()).isEqualTo(LocalStack.Outcome.FAILED);
        }
        assertThat(output.text()).contains("cannot start: alpha-service: no jar at alpha-service/target/alpha-service.jar")
                .doesNotContain("starting Kafka");
    }

    private LocalStack stack(List<ServiceDefinition> services, Map<String, String> modes) {
        return stack(services, new FakeCommand(modes));
    }

    private LocalStack stack(List<ServiceDefinition> services, ServiceCommand command) {
        services.forEach(service -> {
            try {
                Files.createDirectories(repository.resolve(service.module()));
                Files.writeString(repository.resolve(service.module()).resolve("pom.xml"), "<project/>");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        LocalStack.Settings settings = new LocalStack.Settings(repository, new Home(repository.resolve(".atelier")),
                TestPorts.free(), TestPorts.free(), false, services, command, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 2, Instant.now(), Map.of("work_mem", "7MB"));
        return new LocalStack(settings, output.stream());
    }

    private static String get(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static long childPid(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("child pid "))
                .map(line -> Long.parseLong(line.substring("child pid ".length()))).findFirst().orElseThrow();
    }
}
