package dev.atelier.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Makes a service's later starts cheaper: its Spring Boot jar is extracted once per build (a classpath of plain
 * jars loads faster than the nested jars of the executable one, and is what the JVM's class caches need), and
 * the JVM records which classes the start loads, linked and ready, in a file the next start maps instead of
 * loading them again: an AOT cache (JEP 483/514, JDK 25+) or else a dynamic CDS archive (JDK 19+).
 *
 * <p>Layout under the cache directory, per service: {@code jar.stamp} (the jar it was extracted from: path, size,
 * time), {@code app/} (the extracted jar), and one cache file per JVM and JVM options, {@code <key>.aot} or
 * {@code <key>.jsa}. A new jar wipes the service's directory, which is how a build invalidates its cache.
 *
 * <p>A cache is recorded by a run of the service, written by its JVM when it exits, and kept by
 * {@link ServiceStart#finish} only if the process stopped gently after being ready.
 */
final class StartCache {

    /** What the service's JVM offers. */
    enum Kind {
        /** {@code -XX:AOTCacheOutput} and {@code -XX:AOTCache} (JDK 25+). */
        AOT_CACHE(".aot", "AOT cache"),
        /** {@code -XX:ArchiveClassesAtExit} and {@code -XX:SharedArchiveFile} (dynamic CDS, JDK 19+). */
        CDS_ARCHIVE(".jsa", "CDS archive"),
        NONE("", "none");

        private final String suffix;
        private final String label;

        Kind(String suffix, String label) {
            this.suffix = suffix;
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** The service JVM's class cache support and its identity (a cache is only valid for the JVM that wrote it). */
    record Jvm(Kind kind, String identity) {

        /**
         * Asks the JVM at {@code java} which options it knows ({@code -XX:+PrintFlagsFinal}), rather than guessing
         * from its version: a JVM built without CDS lacks them whatever its version.
         */
        static Jvm probe(Path java) {
            List<String> command = List.of(java.toString(), "-XX:+PrintFlagsFinal", "-XshowSettings:properties", "-version");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return new Jvm(Kind.NONE, "");
                }
                return parse(java, output);
            } catch (IOException e) {
                return new Jvm(Kind.NONE, "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Jvm(Kind.NONE, "");
            }
        }

        static Jvm parse(Path java, String output) {
            String version = output.lines().map(String::strip).filter(line -> line.startsWith("java.vm.version = "))
                    .map(line -> line.substring("java.vm.version = ".length())).findFirst().orElse("");
            Kind kind;
            if (hasFlag(output, "AOTCacheOutput") && hasFlag(output, "AOTCache")) {
                kind = Kind.AOT_CACHE;
            } else if (hasFlag(output, "ArchiveClassesAtExit") && hasFlag(output, "SharedArchiveFile")) {
                kind = Kind.CDS_ARCHIVE;
            } else {
                kind = Kind.NONE;
            }
            return new Jvm(kind, java.toAbsolutePath().normalize() + " " + version);
        }

        /** A line of {@code -XX:+PrintFlagsFinal}: {@code ccstr AOTCache = ... {product} {default}}. */
        private static boolean hasFlag(String output, String flag) {
            return output.lines().map(String::strip).anyMatch(line -> {
                String[] words = line.split("\\s+");
                return words.length >= 2 && words[1].equals(flag);
            });
        }
    }

    /** Turns an executable jar into a directory the JVM runs from ({@code <destination>/<jar name>} and {@code lib/}). */
    @FunctionalInterface
    interface Extractor {
        void extract(Path java, Path jar, Path destination) throws IOException;
    }

    static final String STAMP = "jar.stamp";
    private static final String EXTRACTED = "app";
    private static final String RECORDING = ".recording";

    private final Path directory;
    private final boolean record;
    private final Extractor extractor;
    private final JvmSource jvmSource;
    private @Nullable Jvm jvm;

    /** Where the JVM's abilities come from: probed once, on first use. */
    @FunctionalInterface
    interface JvmSource {
        Jvm probe(Path java);
    }

    /**
     * @param record whether a start without a cache records one; when not, an existing cache is still used
     */
    StartCache(Path directory, boolean record, Extractor extractor, JvmSource jvmSource) {
        this.directory = directory.toAbsolutePath().normalize();
        this.record = record;
        this.extractor = extractor;
        this.jvmSource = jvmSource;
    }

    static StartCache standard(Path directory, boolean record) {
        return new StartCache(directory, record, StartCache::extractWithBootTools, Jvm::probe);
    }

    Path directory() {
        return directory;
    }

    boolean records() {
        return record;
    }

    synchronized Jvm jvm(Path java) {
        Jvm known = jvm;
        if (known == null) {
            known = jvmSource.probe(java);
            jvm = known;
        }
        return known;
    }

    /**
     * The start of {@code service} from {@code jar}: extracted (again, if the jar changed since), and with the
     * cache for this JVM and these options if one was recorded, else recording one if allowed. Falls back to the
     * jar itself, with the reason in {@code notes}, when the jar cannot be extracted.
     */
    ServiceStart prepare(ServiceDefinition service, Path jar, Path java, List<String> javaOptions, List<String> arguments,
            List<String> notes) {
        List<String> plain = new ArrayList<>();
        plain.add(java.toString());
        plain.addAll(javaOptions);
        plain.add("-jar");
        plain.add(jar.toString());
        plain.addAll(arguments);
        Path serviceDirectory = directory.resolve(service.name());
        Path extracted = serviceDirectory.resolve(EXTRACTED);
        Path extractedJar = extracted.resolve(jar.getFileName());
        try {
            String stamp = stamp(jar);
            Path stampFile = serviceDirectory.resolve(STAMP);
            if (!stamp.equals(read(stampFile)) || !Files.isRegularFile(extractedJar)) {
                // a new jar makes every cache recorded from the old one worthless: start the directory afresh
                deleteRecursively(serviceDirectory);
                Files.createDirectories(serviceDirectory);
                extractor.extract(java, jar, extracted);
                if (!Files.isRegularFile(extractedJar)) {
                    throw new IOException("the extraction left no " + extractedJar);
                }
                Home.write(stampFile, stamp);
            }
        } catch (IOException | UncheckedIOException e) {
            notes.add(service.name() + ": could not extract its jar (" + e.getMessage() + "); it starts from the jar,"
                    + " without a start-up cache");
            return new ServiceStart(plain, ServiceStart.Cache.UNAVAILABLE, null, null);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOptions);
        Jvm known = jvm(java);
        ServiceStart.Cache cache = ServiceStart.Cache.EXTRACTED;
        Path recording = null;
        Path cacheFile = null;
        if (known.kind() == Kind.NONE) {
            cache = ServiceStart.Cache.UNAVAILABLE;
        } else {
            String key = key(known, javaOptions);
            cacheFile = serviceDirectory.resolve(key + known.kind().suffix);
            Path inProgress = serviceDirectory.resolve(key + RECORDING + known.kind().suffix);
            deleteQuietly(inProgress); // what a killed run left
            if (Files.isRegularFile(cacheFile)) {
                command.add((known.kind() == Kind.AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cacheFile);
                cache = ServiceStart.Cache.USED;
            } else if (record) {
                command.add((known.kind() == Kind.AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + inProgress);
                cache = ServiceStart.Cache.RECORDING;
                recording = inProgress;
            } else {
                cacheFile = null;
            }
        }
        command.add("-jar");
        command.add(extractedJar.toString());
        command.addAll(arguments);
        return new ServiceStart(command, cache, recording, cacheFile);
    }

    /** The jar as the build left it: a rebuild changes its time, and almost always its size. */
    static String stamp(Path jar) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        return absolute + "\n" + Files.size(absolute) + "\n" + Files.getLastModifiedTime(absolute).toMillis() + "\n";
    }

    /** One cache per JVM and JVM options: a cache is refused by (or useless to) a JVM that differs from its writer. */
    static String key(Jvm jvm, List<String> javaOptions) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((jvm.identity() + "\n" + String.join(" ", javaOptions)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring Boot's own way ({@code -Djarmode=tools ... extract}), which lays out what the class caches need. */
    static void extractWithBootTools(Path java, Path jar, Path destination) throws IOException {
        List<String> command = List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djarmode=tools",
                "-jar", jar.toString(), "extract", "--destination", destination.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the extraction took longer than 120 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            String said = output.strip().lines().reduce((first, second) -> second).orElse("");
            throw new IOException("exit code " + process.exitValue() + (said.isEmpty() ? "" : ": " + said));
        }
    }

    private static @Nullable String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the JVM overwrites it anyway
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
