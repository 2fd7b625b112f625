package dev.atelier.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.web.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local default store, on a real directory (the service's tests run on the S3 stand-in). */
class FileSystemMediaStoreTest {

    @TempDir
    Path directory;

    @Test
    void keepsReadsAndDeletesAnObject() {
        FileSystemMediaStore store = new FileSystemMediaStore(directory);

        store.put("0a1b/original", new byte[] {1, 2, 3}, "image/png");
        store.put("0a1b/400.webp", new byte[] {4}, "image/webp");

        assertThat(store.get("0a1b/original")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
        assertThat(directory.resolve("0a1b/original")).exists();
        store.delete("0a1b/original");
        store.delete("0a1b/original");
        assertThat(store.get("0a1b/original")).isEmpty();
        assertThat(store.get("0a1b/400.webp")).isPresent();
        try (var files = Files.list(directory.resolve("0a1b"))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("400.webp");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUploadsLastObjectTakesItsDirectoryWithIt() {
        FileSystemMediaStore store = new FileSystemMediaStore(directory);
        store.put("0c2d/original", new byte[] {1}, "image/png");
        store.put("0c2d/400.png", new byte[] {2}, "image/png");

        store.delete("0c2d/400.png");
        assertThat(directory.resolve("0c2d")).as("the original is still there").isDirectory();
        store.delete("0c2d/original");

        assertThat(directory.resolve("0c2d")).doesNotExist();
        assertThat(directory).isDirectory();
        store.put("0c2d/original", new byte[] {3}, "image/png");
        assertThat(store.get("0c2d/original")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(3));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsA503() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("a-file"), "x");
        FileSystemMediaStore store = new FileSystemMediaStore(notADirectory);

        assertThatThrownBy(() -> store.put("0a1b/original", new byte[] {1}, "image/png"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(503);
                    assertThat(problem.type()).isEqualTo("media-store-unavailable");
                });
    }

    @Test
    void aKeyOutsideTheLayoutIsRefused() {
        FileSystemMediaStore store = new FileSystemMediaStore(directory);

        assertThatThrownBy(() -> store.get("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
