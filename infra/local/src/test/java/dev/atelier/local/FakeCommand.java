package dev.atelier.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts {@link FakeService} in the mode given for each service, from the test's own classpath. */
record FakeCommand(Map<String, String> modes) implements ServiceCommand {

    @Override
    public Optional<String> problem(ServiceDefinition service) {
        return Optional.empty();
    }

    @Override
    public List<String> command(ServiceDefinition service) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), FakeService.class.getName(), modes.get(service.name()));
    }
}
