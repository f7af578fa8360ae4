package dev.wsgi4j.netty.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@code PrintStream} appending to a file that it can open anew at the same path, after logrotate renamed the
 * old one. A subclass of {@code PrintStream} locks on itself around each print (the JDK's own lock is only for
 * {@code PrintStream} itself), so {@link #reopen} taking that lock never splits a line between two files.
 */
final class ReopenableFileStream extends PrintStream {

    private final Path path;

    ReopenableFileStream(Path path) throws IOException {
        super(new FileOutputStream(path.toFile(), true), true, StandardCharsets.UTF_8);
        this.path = path;
    }

    /** Flushes and closes the file open so far and continues in a new one at the path; unchanged on failure. */
    void reopen() throws IOException {
        OutputStream fresh = new FileOutputStream(path.toFile(), true);
        OutputStream old;
        synchronized (this) {
            flush();
            old = out;
            out = fresh;
        }
        old.close();
    }

    Path path() {
        return path;
    }
}
