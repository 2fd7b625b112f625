package dev.atelier.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs a service from its executable Spring Boot jar, by convention {@code <module>/target/<module>.jar}, with
 * the {@code local} profile active; extracted and with its start-up cache when there is a {@code cache}.
 */
record JarCommand(Path repository, Path java, List<String> javaOptions, @Nullable StartCache cache) implements ServiceCommand {

    static final String PROFILE_ARGUMENT = "--spring.profiles.active=local";

    JarCommand(Path repository, Path java, List<String> javaOptions) {
        this(repository, java, javaOptions, null);
    }

    Path jar(ServiceDefinition service) {
        return repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
    }

    @Override
    public Optional<String> problem(ServiceDefinition service) {
        Path jar = jar(service);
        if (Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        return Optional.of("no jar at " + repository.relativize(jar)
                + " (build it with ./mvnw -DskipTests install, or let ./atelier up do it; the module must build an"
                + " executable jar named after itself, see infra/local/README.md)");
    }

    @Override
    public List<String> command(ServiceDefinition service) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar(service).toString());
        command.add(PROFILE_ARGUMENT);
        return command;
    }

    @Override
    public ServiceStart prepare(ServiceDefinition service, List<String> notes) {
        StartCache startCache = cache;
        if (startCache == null) {
            return ServiceStart.plain(command(service));
        }
        return startCache.prepare(service, jar(service), java, javaOptions, List.of(PROFILE_ARGUMENT), notes);
    }
}
