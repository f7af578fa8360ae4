package dev.wsgi4j.netty.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The process's signals and what they mean to {@code wsgi4j-server}: SIGTERM and SIGINT a graceful stop instead of
 * the JVM's immediate exit with status 143 or 130; SIGUSR1 reopening the log files (logrotate's postrotate); SIGHUP
 * reloading APP ({@link AppReloader}). The only use of {@code sun.misc.Signal} (module jdk.unsupported), kept here
 * so it can be replaced in one place; a signal the parent process ignored (SIGINT for a background job of a
 * non-interactive shell) is never delivered.
 */
final class ProcessSignals {

    private ProcessSignals() {
    }

    /** Runs {@code stop} on the JVM's signal thread at SIGTERM or SIGINT; it should only hand the work on. */
    static void onStop(Runnable stop) {
        handle(stop, "TERM", "INT");
    }

    /** Runs {@code reopen} on the JVM's signal thread at each SIGUSR1. */
    static void onReopen(Runnable reopen) {
        handle(reopen, "USR1");
    }

    /** Runs {@code reload} on the JVM's signal thread at each SIGHUP; it should only hand the work on. */
    static void onReload(Runnable reload) {
        handle(reload, "HUP");
    }

    private static void handle(Runnable action, String... names) {
        Logger log = LoggerFactory.getLogger(ProcessSignals.class);
        for (String name : names) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("SIG{} received", signal.getName());
                    action.run();
                });
            } catch (IllegalArgumentException e) {
                log.warn("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
