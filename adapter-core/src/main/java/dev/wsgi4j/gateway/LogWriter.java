package dev.wsgi4j.gateway;

import org.slf4j.Logger;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The sink behind {@code wsgi.errors}: each line an application writes becomes one log record of the server's
 * logger, so application diagnostics land where the operator already looks. Never throws.
 */
public final class LogWriter extends Writer {

    /** Longest record; a longer line is logged in pieces of this size. */
    static final int MAX_LINE = 8192;

    private final Logger logger;
    /** Created at the first character: most requests never write to {@code wsgi.errors}. */
    private StringBuilder line;

    private LogWriter(Logger logger) {
        this.logger = logger;
    }

    /** A fresh {@code wsgi.errors} stream for one request; until it is written to it holds no buffer. */
    public static PrintWriter errorsFor(Logger logger) {
        return new PrintWriter(new LogWriter(logger), true);
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = cbuf[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                if (line == null) {
                    line = new StringBuilder(80);
                }
                line.append(c);
                if (line.length() >= MAX_LINE) {
                    emit(); // an application that never ends its line must not grow this buffer without bound
                }
            }
        }
    }

    @Override
    public synchronized void flush() {
        emit();
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        if (line != null && line.length() > 0) {
            // A String, not the builder: a backend may format the record after the builder is reused.
            logger.warn("wsgi.errors: {}", line.toString());
            line.setLength(0);
        }
    }
}
