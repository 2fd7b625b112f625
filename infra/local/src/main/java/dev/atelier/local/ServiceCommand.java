package dev.atelier.local;

import java.util.List;
import java.util.Optional;

/** Turns a service into the command line of its process; tests replace the standard one with a stand-in. */
interface ServiceCommand {

    /** Why the service cannot be started as things are (e.g. it was never built), if it cannot. */
    Optional<String> problem(ServiceDefinition service);

    List<String> command(ServiceDefinition service);
}
