package dev.wsgi4j.conformance;

import java.util.Map;
import java.util.Objects;

/**
 * How the kit asks a server to be configured for one statement.
 *
 * @param environ        name/value pairs a deployer adds to every environ (PEP 3333, "Application Configuration");
 *                       empty unless {@link Capability#DEPLOYER_ENVIRON}
 * @param singleThreaded run the application on one thread at a time, {@code wsgi.multithread} false (PEP 3333,
 *                       "Thread Support"); false unless {@link Capability#SINGLE_THREADED}
 */
public record KitOptions(Map<String, String> environ, boolean singleThreaded) {

    /** The server as it comes: no deployer pairs, its default (multithreaded) executor. */
    public static final KitOptions DEFAULTS = new KitOptions(Map.of(), false);

    public KitOptions {
        environ = Map.copyOf(Objects.requireNonNull(environ, "environ"));
    }
}
