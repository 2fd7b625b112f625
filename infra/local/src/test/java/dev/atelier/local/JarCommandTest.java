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
}
