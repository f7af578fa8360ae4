package dev.wsgi4j.graalpy;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the polyglot engine's log records to the server's log instead of the process's stderr. */
final class EngineLog extends Handler {

    private static final Logger LOG = LoggerFactory.getLogger("dev.wsgi4j.graalpy.engine");

    @Override
    public void publish(LogRecord record) {
        String message = "[" + record.getLoggerName() + "] " + record.getMessage();
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            LOG.error(message, record.getThrown());
        } else if (level >= Level.WARNING.intValue()) {
            LOG.warn(message, record.getThrown());
        } else if (level >= Level.INFO.intValue()) {
            LOG.info(message, record.getThrown());
        } else {
            LOG.debug(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
