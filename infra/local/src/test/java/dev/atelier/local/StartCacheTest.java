package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.local.StartCache.Jvm;
import dev.atelier.local.StartCache.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCacheTest {

    private static final Path JAVA = Path.of("/jdk/bin/java");
    private static final List<String> OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");
    private static final List<String> ARGUMENTS = List.of(JarCommand.PROFILE_ARGUMENT);
    private static final Jvm AOT_JVM = new Jvm(Kind.AOT_CACHE, "/jdk 25.0.3+9");

    @TempDir
    Path root;

    private final ServiceDefinition inventory = ServiceDefinition.standard().get(2);
    private final AtomicInteger extractions = new AtomicInteger();
    private final List<String> notes = new ArrayList<>();
    private Path jar;
    private Path cacheDirectory;

    @BeforeEach
    void aBuiltJar() throws IOException {
        jar = root.resolve("inventory-service/target/inventory-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "the first build");
        cacheDirectory = root.resolve(".atelier/cache");
    }

    /** Lays out what Spring Boot's extraction does: the application's jar named as the original, and lib/. */
    private void extract(Path java, Path from, Path destination) throws IOException {
        extractions.incrementAndGet();
        Files.createDirectories(destination.resolve("lib"));
        Files.copy(from, destination.resolve(from.getFileName()));
    }

    private StartCache cache(Jvm jvm, boolean record) {
        return new StartCache(cacheDirectory, record, this::extract, java -> jvm);
    }

    private Path extractedJar() {
        return cacheDirectory.resolve("inventory-service/app/inventory-service.jar");
    }

    private Path aotFile(Jvm jvm, List<String> options) {
        return cacheDirectory.resolve("inventory-service").resolve(StartCache.key(jvm, options) + ".aot");
    }

    @Test
    void theFirstStartAfterABuildRunsTheExtractedJarAndRecordsItsCache() {
        ServiceStart start = cache(AOT_JVM, true).prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(start.cache()).isEqualTo(ServiceStart.Cache.RECORDING);
        assertThat(start.recording()).isNotNull();
        assertThat(start.command()).containsExactly("/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:AOTCacheOutput=" + start.recording(), "-jar", extractedJar().toString(), JarCommand.PROFILE_ARGUMENT);
        assertThat(start.cacheFile()).isEqualTo(aotFile(AOT_JVM, OPTIONS));
        assertThat(notes).isEmpty();
    }

    @Test
    void aRecordedCacheIsUsedByTheNextStartWithoutExtractingAgain() throws IOException {
        StartCache cache = cache(AOT_JVM, true);
        ServiceStart first = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        Files.writeString(first.recording(), "what the JVM wrote at exit");
        assertThat(first.finish(true, true)).isTrue();

        ServiceStart second = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(second.cache()).isEqualTo(ServiceStart.Cache.USED);
        assertThat(second.command()).contains("-XX:AOTCache=" + aotFile(AOT_JVM, OPTIONS))
                .noneMatch(option -> option.startsWith("-XX:AOTCacheOutput"));
        assertThat(second.isRecording()).isFalse();
        assertThat(extractions).hasValue(1);
    }

    @Test
    void aNewJarThrowsAwayTheExtractionAndEveryCacheRecordedFromTheOldOne() throws IOException {
        StartCache cache = cache(AOT_JVM, true);
        ServiceStart first = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        Files.writeString(first.recording(), "recorded from the first build");
        first.finish(true, true);
        Path otherOptionsCache = aotFile(AOT_JVM, List.of("-Xmx1g"));
        Files.writeString(otherOptionsCache, "recorded from the first build with other options");

        Files.writeString(jar, "the second build, longer than the first");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        ServiceStart second = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(extractions).hasValue(2);
        assertThat(Files.readString(extractedJar())).isEqualTo("the second build, longer than the first");
        assertThat(second.cache()).isEqualTo(ServiceStart.Cache.RECORDING);
        assertThat(aotFile(AOT_JVM, OPTIONS)).doesNotExist();
        assertThat(otherOptionsCache).doesNotExist();
    }

    @Test
    void aJarRebuiltWithTheSameSizeIsNewTooThroughItsTime() throws IOException {
        StartCache cache = cache(AOT_JVM, true);
        cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        Files.writeString(jar, "the first build"); // same size
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(extractions).hasValue(2);
    }

    @Test
    void aCacheBelongsToOneJvmAndOneSetOfOptions() {
        Jvm otherJvm = new Jvm(Kind.AOT_CACHE, "/jdk 25.0.4+7");

        assertThat(StartCache.key(AOT_JVM, OPTIONS)).isEqualTo(StartCache.key(AOT_JVM, List.copyOf(OPTIONS)))
                .isNotEqualTo(StartCache.key(otherJvm, OPTIONS))
                .isNotEqualTo(StartCache.key(AOT_JVM, List.of("-Xmx512m", "-XX:+UseSerialGC")));
    }

    @Test
    void aJvmWithoutAotCacheRecordsAndUsesADynamicCdsArchive() throws IOException {
        Jvm jdk21 = new Jvm(Kind.CDS_ARCHIVE, "/jdk21 21.0.5+11");
        StartCache cache = cache(jdk21, true);

        ServiceStart first = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        assertThat(first.command()).contains("-XX:ArchiveClassesAtExit=" + first.recording());
        assertThat(first.recording().toString()).endsWith(".jsa");
        Files.writeString(first.recording(), "archive");
        first.finish(true, true);

        ServiceStart second = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        assertThat(second.cache()).isEqualTo(ServiceStart.Cache.USED);
        assertThat(second.command()).contains("-XX:SharedArchiveFile=" + first.cacheFile());
    }

    @Test
    void aJvmWithNeitherRunsTheExtractedJarWithoutCacheOptions() {
        ServiceStart start = cache(new Jvm(Kind.NONE, ""), true).prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(start.cache()).isEqualTo(ServiceStart.Cache.UNAVAILABLE);
        assertThat(start.isRecording()).isFalse();
        assertThat(start.command()).containsExactly("/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                extractedJar().toString(), JarCommand.PROFILE_ARGUMENT);
    }

    @Test
    void aJarThatCannotBeExtractedStartsAsItIsAndSaysWhy() {
        StartCache cache = new StartCache(cacheDirectory, true, (java, from, destination) -> {
            throw new IOException("exit code 1: Unsupported jarmode 'tools'");
        }, java -> AOT_JVM);

        ServiceStart start = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(start.cache()).isEqualTo(ServiceStart.Cache.UNAVAILABLE);
        assertThat(start.command()).containsExactly("/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                jar.toString(), JarCommand.PROFILE_ARGUMENT);
        assertThat(notes).singleElement().asString()
                .contains("inventory-service", "could not extract", "Unsupported jarmode 'tools'");
    }

    @Test
    void withoutRecordingAStartUsesAnExistingCacheButNeverRecords() throws IOException {
        ServiceStart start = cache(AOT_JVM, false).prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        assertThat(start.cache()).isEqualTo(ServiceStart.Cache.EXTRACTED);
        assertThat(start.command()).noneMatch(option -> option.startsWith("-XX:AOT"));

        Files.writeString(aotFile(AOT_JVM, OPTIONS), "recorded by an earlier ./atelier up");
        ServiceStart later = cache(AOT_JVM, false).prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        assertThat(later.cache()).isEqualTo(ServiceStart.Cache.USED);
    }

    @Test
    void aRecordingIsKeptOnlyFromAGentleStopAfterTheServiceWasReady() throws IOException {
        StartCache cache = cache(AOT_JVM, true);

        ServiceStart killed = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        Files.writeString(killed.recording(), "half a cache");
        assertThat(killed.finish(false, true)).isFalse();
        assertThat(killed.recording()).doesNotExist();
        assertThat(killed.cacheFile()).doesNotExist();

        ServiceStart neverReady = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        Files.writeString(neverReady.recording(), "the cache of a failed start");
        assertThat(neverReady.finish(true, false)).isFalse();
        assertThat(neverReady.cacheFile()).doesNotExist();

        ServiceStart nothingWritten = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        assertThat(nothingWritten.finish(true, true)).isFalse();
        assertThat(nothingWritten.cacheFile()).doesNotExist();
    }

    @Test
    void whatAKilledRecordingLeftIsClearedAtTheNextStart() throws IOException {
        StartCache cache = cache(AOT_JVM, true);
        ServiceStart first = cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);
        Files.writeString(first.recording(), "half a cache, the launcher was killed");

        cache.prepare(inventory, jar, JAVA, OPTIONS, ARGUMENTS, notes);

        assertThat(first.recording()).doesNotExist();
    }

    @Test
    void readsTheJvmsAbilitiesFromItsFlags() {
        String jdk25 = """
                     ccstr AOTCache                                  =                                           {product} {default}
                     ccstr AOTCacheOutput                            =                                           {product} {default}
                     ccstr ArchiveClassesAtExit                      =                                           {product} {default}
                     ccstr SharedArchiveFile                         =                                           {product} {default}
                    java.vm.version = 25.0.3+9-LTS
                """;
        String jdk21 = """
                     ccstr ArchiveClassesAtExit                      =                                           {product} {default}
                     ccstr SharedArchiveFile                         =                                           {product} {default}
                    java.vm.version = 21.0.5+11-LTS
                """;

        assertThat(Jvm.parse(JAVA, jdk25)).isEqualTo(new Jvm(Kind.AOT_CACHE, "/jdk/bin/java 25.0.3+9-LTS"));
        assertThat(Jvm.parse(JAVA, jdk21)).isEqualTo(new Jvm(Kind.CDS_ARCHIVE, "/jdk/bin/java 21.0.5+11-LTS"));
        assertThat(Jvm.parse(JAVA, "java.vm.version = 17.0.2").kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void probesTheJvmItRunsOn() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Jvm jvm = Jvm.probe(java);

        assertThat(jvm.kind()).isEqualTo(Runtime.version().feature() >= 25 ? Kind.AOT_CACHE : Kind.CDS_ARCHIVE);
        assertThat(jvm.identity()).endsWith(System.getProperty("java.vm.version"));
        assertThat(Jvm.probe(root.resolve("no-such-java")).kind()).isEqualTo(Kind.NONE);
    }
}
