package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path directory;

    @Test
    void keepsTheLastLines() throws Exception {
        Path log = directory.resolve("service.log");
        Files.write(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).toList());

        List<String> tail = LogTail.of(log, 40);

        assertThat(tail).hasSize(40).startsWith("line 61").endsWith("line 100");
    }

    @Test
    void readsOnlyTheEndOfALargeLog() throws Exception {
        Path log = directory.resolve("large.log");
        Files.write(log, IntStream.rangeClosed(1, 20_000).mapToObj(i -> "a rather long line of a chatty service " + i).toList());

        assertThat(LogTail.of(log, 3)).containsExactly("a rather long line of a chatty service 19998",
                "a rather long line of a chatty service 19999", "a rather long line of a chatty service 20000");
    }

    @Test
    void givesAllLinesOfAShortLogAndNothingForAMissingOne() throws Exception {
        Path log = directory.resolve("short.log");
        Files.writeString(log, "only\ntwo lines");

        assertThat(LogTail.of(log, 40)).containsExactly("only", "two lines");
        assertThat(LogTail.of(directory.resolve("missing.log"), 40)).isEmpty();
    }
}
