package dev.atelier.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The launcher's directory ({@code .atelier/} at the repository root): PostgreSQL's data, the logs, and the
 * files through which another invocation finds a running launcher.
 *
 * <p>Whether a launcher runs is decided by a lock on {@code launcher.lock}, which the operating system
 * releases when the process dies however it dies; {@code launcher.pid} says which process holds it.
 */
final class Home {

    private final Path directory;

    Home(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    Path logs() {
        return directory.resolve("logs");
    }

    Path log(String name) {
        return logs().resolve(name + ".log");
    }

    Path postgresData() {
        return directory.resolve("postgres");
    }

    Path pidFile() {
        return directory.resolve("launcher.pid");
    }

    Path stateFile() {
        return directory.resolve("state.json");
    }

    private Path lockFile() {
        return directory.resolve("launcher.lock");
    }

    void create() {
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logs(), e);
        }
    }

    /** Takes the launcher lock, or returns empty when another launcher holds it. */
    Optional<Lock> tryLock() {
        create();
        try {
            FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                return Optional.of(new Lock(channel, lock));
            } catch (OverlappingFileLockException e) {
                channel.close();
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile(), e);
        }
    }

    /** Whether a launcher holds the lock right now. */
    boolean launcherRunning() {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        Optional<Lock> lock = tryLock();
        lock.ifPresent(Lock::close);
        return lock.isEmpty();
    }

    void writePid(long pid) {
        write(pidFile(), pid + "\n");
    }

    @Nullable Long recordedPid() {
        try {
            return Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    void deleteRunFiles() {
        try {
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file in one step, so that a reader never sees half of it. */
    static void write(Path file, String content) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The launcher lock, held for the launcher's lifetime. */
    record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
