package dev.wsgi4j.netty.cli;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The error log of {@code wsgi4j-server}: the log lines of the server and of the applications it runs, through the
 * slf4j-simple binding that {@code wsgi4j-server.jar} bundles. slf4j-simple reads its settings from system
 * properties once, when the first logger is made, so {@link #configure} must run before anything logs; it writes to
 * whatever {@code System.err} is at each line, so a file is served by installing a {@link ReopenableFileStream} as
 * {@code System.err}, which SIGUSR1 then {@link #reopen reopens}. A {@code -D} of the same property given to the JVM
 * wins, except the level when {@code --log-level} is given.
 */
final class ErrorLog {

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    /** ISO 8601 with the offset, as in {@code 2026-12-01T23:02:20.123+00:00}. */
    static final String DATE_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    /** The file's stream, or null when the lines go to the process's standard error. */
    private final ReopenableFileStream file;

    private ErrorLog(ReopenableFileStream file) {
        this.file = file;
    }

    /**
     * Sets slf4j-simple's level (info unless {@code level} says otherwise), for every logger and explicitly for
     * wsgi4j's own ({@code dev.wsgi4j}, applications' {@code wsgi.errors} included), and a timestamp on every line;
     * as system properties, these win over a {@code simplelogger.properties} on the class path. Before the first
     * logger is made, or it has no effect. At debug, Netty's own loggers stay at info: they would bury the server's
     * lines ({@code -Dorg.slf4j.simpleLogger.log.io.netty=debug} shows them).
     */
    static void configure(LogLevel level) {
        for (String key : new String[] {"defaultLogLevel", "log.dev.wsgi4j"}) {
            if (level != null) {
                System.setProperty(PREFIX + key, level.slf4jName);
            } else {
                setUnlessGiven(key, LogLevel.INFO.slf4jName);
            }
        }
        setUnlessGiven("showDateTime", "true");
        setUnlessGiven("dateTimeFormat", DATE_TIME_FORMAT);
        if (level == LogLevel.DEBUG) {
            setUnlessGiven("log.io.netty", "info");
        }
    }

    private static void setUnlessGiven(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }

    /**
     * The error log at {@code path}, appended to, installed as {@code System.err} (and so as the log's output), or
     * standard error as it is when {@code path} is null.
     */
    static ErrorLog open(String path) throws IOException {
        if (path == null) {
            return new ErrorLog(null);
        }
        ReopenableFileStream stream = new ReopenableFileStream(Path.of(path));
        PrintStream previous = System.err;
        previous.flush();
        System.setErr(stream);
        return new ErrorLog(stream);
    }

    /** Reopens the file at its path (SIGUSR1, after logrotate renamed it); nothing to do for standard error. */
    void reopen() {
        if (file == null) {
            return;
        }
        try {
            file.reopen();
            LoggerFactory.getLogger(ErrorLog.class).info("error log reopened: {}", file.path());
        } catch (IOException e) {
            LoggerFactory.getLogger(ErrorLog.class).warn("cannot reopen the error log {}; still writing to the file "
                    + "open before: {}", file.path(), e.toString());
        }
    }
}
