package dev.atelier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the benchmark runnable: a tiny run of every scenario must deliver everything and print its table. */
class RelayBenchmarkTest {

    @Test
    void measuresEveryScenarioOnASmallRun() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RelayBenchmark.Options options = RelayBenchmark.Options.parse("--events", "300", "--rate", "300",
                "--writers", "2", "--batch", "5", "--durable", "false");

        List<RelayBenchmark.Result> results = new RelayBenchmark(options,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(results).extracting(RelayBenchmark.Result::events).containsExactly(300, 300, 300);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.eventsPerSecond()).isPositive();
            assertThat(r.p99Millis()).isGreaterThanOrEqualTo(r.p50Millis());
        });
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("paced 300/s", "full speed", "backlog drain");
    }
}
