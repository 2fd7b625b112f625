package dev.atelier.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;

/**
 * The committed schema snapshots and JSON samples, read from and written to the source tree (not the copy on the
 * test classpath), so that a run with {@value #UPDATE_FLAG} leaves files to review and commit.
 */
final class ContractFiles {

    static final String UPDATE_FLAG = "atelier.events.update-snapshots";

    static final String UPDATE_COMMAND = "./mvnw -B verify -pl platform/events -D" + UPDATE_FLAG + "=true";

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private final Path directory;

    private ContractFiles(String folder) {
        // surefire runs tests in the module directory and also passes it as "basedir"
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        this.directory = Path.of(moduleDir, "src", "test", "resources", folder);
    }

    static ContractFiles schemas() {
        return new ContractFiles("event-schemas");
    }

    static ContractFiles samples() {
        return new ContractFiles("event-samples");
    }

    static boolean updateRequested() {
        return Boolean.getBoolean(UPDATE_FLAG);
    }

    Path pathOf(EventType type) {
        return directory.resolve(type.qualifiedName() + ".json");
    }

    Optional<String> read(EventType type) {
        Path file = pathOf(type);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(EventType type, String content) {
        try {
            Files.createDirectories(directory);
            Files.writeString(pathOf(type), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code OrderPlaced.v1} for every {@code OrderPlaced.v1.json} in the folder. */
    Set<String> qualifiedNames() {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pretty(JsonNode tree) {
        return EventJson.mapper().writer().with(PRETTY).writeValueAsString(tree) + "\n";
    }
}
