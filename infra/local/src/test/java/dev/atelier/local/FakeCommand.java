package dev.atelier.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Starts {@link FakeService} in the mode given for each service, from the test's own classpath. */
record FakeCommand(Map<String, String> modes, @Nullable Path cacheDirectory) implements ServiceCommand {

    FakeCommand(Map<String, String> modes) {
        this(modes, null);
    }

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

    /** In mode {@code ready-recording}, a start that records its cache into {@code cacheDirectory}. */
    @Override
    public ServiceStart prepare(ServiceDefinition service, List<String> notes) {
        Path directory = cacheDirectory;
        if (directory == null || !modes.get(service.name()).equals("ready-recording")) {
            return ServiceStart.plain(command(service));
        }
        Path recording = directory.resolve(service.name() + ".recording.aot");
        List<String> command = new java.util.ArrayList<>(command(service));
        command.add(recording.toString());
        return new ServiceStart(command, ServiceStart.Cache.RECORDING, recording, directory.resolve(service.name() + ".aot"));
    }
}
