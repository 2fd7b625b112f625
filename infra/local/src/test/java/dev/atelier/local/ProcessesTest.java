package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.local.StackState.Component;
import dev.atelier.local.StackState.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, giving up on and cleaning up after processes, without any infrastructure. */
class ProcessesTest {

    @TempDir
    Path home;

    private Process sleeper;

    @AfterEach
    void killTheSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void givesUpOnAServiceThatIsNotReadyInTimeAndStopsIt() throws Exception {
        ServiceDefinition slow = new ServiceDefinition("slow-service", "slow-service", TestPorts.free(), null);
        ServiceProcess process = new ServiceProcess(slow, home.resolve("logs/slow-service.log"));
        process.start(new FakeCommand(Map.of("slow-service", "never-ready")).command(slow), Map.of("SERVER_PORT", String.valueOf(slow.port())));

        assertThat(process.awaitReady(Duration.ofSeconds(3), () -> false)).isEqualTo(ServiceProcess.Outcome.FAILED);
        assertThat(process.failure()).isEqualTo("not ready after 3 s");
        Long pid = process.component().pid();

        process.stop(Duration.ofSeconds(10));

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void cleansUpTheServicesOfALauncherThatDied() throws Exception {
        sleeper = new ProcessBuilder("sleep", "600").start();
        Instant startedAt = sleeper.toHandle().info().startInstant().orElseThrow();
        Home dead = new Home(home);
        dead.create();
        dead.writePid(Long.MAX_VALUE);
        stateWith(service("orphan-service", sleeper.pid(), startedAt)).writeTo(dead.stateFile());

        Output output = new Output();
        Leftovers.clean(dead, output.stream());

        assertThat(Processes.awaitExit(sleeper.toHandle(), Duration.ofSeconds(10))).isTrue();
        assertThat(output.text()).contains("cleaning up after a launcher that did not stop cleanly",
                "stopping orphan-service left running (pid " + sleeper.pid() + ")");
        assertThat(dead.pidFile()).doesNotExist();
        assertThat(dead.stateFile()).doesNotExist();
    }

    @Test
    void leavesAloneAProcessThatOnlyReusesARecordedPid() throws Exception {
        sleeper = new ProcessBuilder("sleep", "600").start();
        Home dead = new Home(home);
        dead.create();
        stateWith(service("orphan-service", sleeper.pid(), Instant.parse("2020-01-01T00:00:00Z"))).writeTo(dead.stateFile());

        Leftovers.clean(dead, new Output().stream());

        assertThat(sleeper.isAlive()).isTrue();
    }

    private static Component service(String name, long pid, Instant startedAt) {
        return new Component(name, "http://localhost:1", 1, null, pid, startedAt, State.READY, startedAt, startedAt, null, null);
    }

    private static StackState stateWith(Component service) {
        Component infrastructure = new Component("kafka", "localhost:1", 1, null, null, null, State.READY, null, null, null, null);
        return new StackState(Long.MAX_VALUE, Instant.now(), infrastructure, infrastructure, List.of(service));
    }
}
