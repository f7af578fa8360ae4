package dev.wsgi4j.netty.cli;

import picocli.CommandLine.Option;

/**
 * The error-log options of {@code wsgi4j-server}, named as gunicorn names them: where the server's own log lines go
 * and from which level. They configure the logging binding the runnable jar bundles ({@link ErrorLog}); an
 * application that embeds {@code GatewayServer} keeps its own binding and configures it itself.
 */
public final class LogOptions {

    @Option(names = {"--error-log", "--error-logfile"}, paramLabel = "FILE|-",
            description = "Where the server's log lines go, applications' errors included: FILE, appended to "
                    + "and reopened on SIGUSR1, or - for standard error (default: -).")
    String errorLog;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "The least severe lines logged: debug, info, warning, error or critical "
                    + "(default: info).")
    String logLevel;

    /** The level asked for, or null when neither the command line nor the --config file names one. */
    LogLevel level() {
        return logLevel == null ? null : LogLevel.parse(logLevel);
    }

    /** The error log's file, or null for standard error. */
    String errorLogFile() {
        return errorLog == null || errorLog.equals("-") ? null : errorLog;
    }
}
