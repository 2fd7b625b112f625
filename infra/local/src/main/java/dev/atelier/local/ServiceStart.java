package dev.atelier.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One start of a service: its command line, how its start-up cache takes part, and where a cache recorded by
 * this run goes once the process has exited.
 *
 * @param recording the file the JVM writes when it exits, while it records a cache; {@code null} otherwise
 * @param cacheFile where a complete recording is moved, for the next start to use
 */
record ServiceStart(List<String> command, Cache cache, @Nullable Path recording, @Nullable Path cacheFile) {

    /** How the start-up cache takes part in this start. */
    enum Cache {
        /** No cache: the launcher was told so, or the service is not run from a jar the launcher knows. */
        OFF,
        /** The JVM has neither an AOT cache nor dynamic CDS, or the jar could not be extracted. */
        UNAVAILABLE,
        /** The jar runs extracted without a cache, and this run does not record one (e.g. custom JVM options). */
        EXTRACTED,
        /** This run records a cache, written by the JVM when it exits. */
        RECORDING,
        /** This run starts from a cache recorded earlier. */
        USED
    }

    static ServiceStart plain(List<String> command) {
        return new ServiceStart(List.copyOf(command), Cache.OFF, null, null);
    }

    boolean isRecording() {
        return recording != null;
    }

    /**
     * Keeps what the JVM recorded when the process stopped when asked and in time after it had been ready, and
     * drops it otherwise: a JVM killed while it writes leaves half a file, and a start that never got ready
     * recorded a start that is not the service's.
     *
     * @return whether a cache was kept
     */
    boolean finish(boolean stoppedGently, boolean wasReady) {
        Path written = recording;
        Path target = cacheFile;
        if (written == null || target == null) {
            return false;
        }
        try {
            if (stoppedGently && wasReady && Files.isRegularFile(written) && Files.size(written) > 0) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
            Files.deleteIfExists(written);
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
