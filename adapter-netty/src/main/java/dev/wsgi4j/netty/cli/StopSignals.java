package dev.wsgi4j.netty.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop instead of the JVM's immediate exit with status 143 or 130. The
 * only use of {@code sun.misc.Signal} (module jdk.unsupported), kept here so it can be replaced in one place;
 * a signal the parent process ignored (SIGINT for a background job of a non-interactive shell) is never delivered.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** Runs {@code stop} on the JVM's signal thread, once per signal; it should only hand the work on. */
    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received", signal.getName());
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                LOG.warn("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
