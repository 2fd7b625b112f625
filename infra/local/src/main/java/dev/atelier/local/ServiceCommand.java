package dev.atelier.local;

import java.util.List;
import java.util.Optional;

/** Turns a service into the command line of its process; tests replace the standard one with a stand-in. */
interface ServiceCommand {

    /** Why the service cannot be started as things are (e.g. it was never built), if it cannot. */
    Optional<String> problem(ServiceDefinition service);

    List<String> command(ServiceDefinition service);

    /**
     * Readies one start of the service, e.g. its start-up cache, and says how; what is worth telling the user
     * goes to {@code notes}. By default: {@link #command}, no cache.
     */
    default ServiceStart prepare(ServiceDefinition service, List<String> notes) {
        return ServiceStart.plain(command(service));
    }
}
