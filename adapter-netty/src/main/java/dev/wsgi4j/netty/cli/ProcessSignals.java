package dev.wsgi4j.netty.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * Runs {@code reload} on the JVM's signal thread at each SIGHUP; it should only hand the work on. Under
     * {@code nohup} (SIGHUP ignored from the start) the JVM never delivers it, which is logged once as a warning,
     * since a reload would otherwise go unanswered without a word.
     */
    static void onReload(Runnable reload) {
        handle(reload, "HUP");
        if (ignoredSinceStart(new Signal("HUP").getNumber())) {
            LoggerFactory.getLogger(ProcessSignals.class).warn("SIGHUP is ignored by this process (started under "
                    + "nohup, or its parent ignores it): SIGHUP will not reload APP. Start it without nohup (a "
                    + "service manager, or setsid) to reload by signal");
        }
    }

    /** Whether signal {@code number} was ignored when the process started: Linux's SigIgn mask; false elsewhere. */
    static boolean ignoredSinceStart(int number) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return number > 0 && number <= 64 && (mask & (1L << (number - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a status file of another shape: nothing to say
        }
        return false;
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
