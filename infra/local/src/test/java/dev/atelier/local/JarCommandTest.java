package dev.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarCommandTest {

    @TempDir
    Path repository;

    private final ServiceDefinition inventory = ServiceDefinition.standard().get(2);

    @Test
    void runsTheModulesJarWithTheLocalProfile() throws Exception {
        JarCommand command = new JarCommand(repository, Path.of("/jdk/bin/java"), List.of("-Xmx384m", "-XX:+UseSerialGC"));
        Path jar = repository.resolve("inventory-service/target/inventory-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not really a jar");

        assertThat(command.problem(inventory)).isEmpty();
        assertThat(command.command(inventory)).containsExactly("/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                jar.toString(), "--spring.profiles.active=local");
    }

    @Test
    void saysWhichJarIsMissing() {
        JarCommand command = new JarCommand(repository, Path.of("java"), List.of());

        assertThat(command.problem(inventory)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("no jar at inventory-service/target/inventory-service.jar"));
    }

    @Test
    void withoutACacheTheStartIsTheJarCommand() {
        JarCommand command = new JarCommand(repository, Path.of("/jdk/bin/java"), List.of("-Xmx384m"));

        ServiceStart start = command.prepare(inventory, new java.util.ArrayList<>());

        assertThat(start.cache()).isEqualTo(ServiceStart.Cache.OFF);
        assertThat(start.command()).isEqualTo(command.command(inventory));
    }

    @Test
    void theCacheLivesWithTheTreeAndOnlyTheDevelopersOwnStoreRecordsIt() {
        StartCache own = Launcher.Options.parse(new String[] {"up", "--repo", repository.toString()}).startCache();
        assertThat(own).isNotNull();
        assertThat(own.directory()).isEqualTo(repository.toAbsolutePath().resolve(".atelier/cache"));
        assertThat(own.records()).isEqualTo(!Launcher.Options.isCi(System.getenv("CI")));

        Path elsewhere = repository.resolve("elsewhere");
        StartCache testsOrBenchmark = Launcher.Options.parse(new String[] {"up", "--repo", repository.toString(),
                "--home", elsewhere.toString(), "--service-java-opts", "-Xms512m -XX:+UseParallelGC"}).startCache();
        assertThat(testsOrBenchmark).isNotNull();
        assertThat(testsOrBenchmark.directory()).isEqualTo(repository.toAbsolutePath().resolve(".atelier/cache"));
        assertThat(testsOrBenchmark.records()).isFalse();

        assertThat(Launcher.Options.parse(new String[] {"up", "--cache", "off"}).startCache()).isNull();
        assertThat(Launcher.Options.parse(new String[] {"up", "--cache", elsewhere.toString()}).startCache())
                .extracting(StartCache::directory).isEqualTo(elsewhere.toAbsolutePath());
    }

    @Test
    void aCiServerIsToldByItsEnvironment() {
        assertThat(Launcher.Options.isCi("true")).isTrue();
        assertThat(Launcher.Options.isCi("1")).isTrue();
        assertThat(Launcher.Options.isCi(null)).isFalse();
        assertThat(Launcher.Options.isCi("")).isFalse();
        assertThat(Launcher.Options.isCi("false")).isFalse();
    }
}
