package dev.wsgi4j.netty;

import dev.wsgi4j.WsgiInput;

import java.io.IOException;

/**
 * A complete request body, held where {@link RequestBodyStage} put it: in memory ({@link InMemoryBody}) or in a
 * temporary file ({@link SpooledBody}). Its length is known exactly, once, here; every later stage asks it.
 */
sealed interface RequestBody permits InMemoryBody, SpooledBody {

    /** The body's exact length in bytes (after de-chunking). */
    long length();

    /** A fresh {@code wsgi.input} over the body; the caller closes it. */
    WsgiInput open() throws IOException;

    /** Frees the buffer or deletes the file; safe to call more than once, from any thread. */
    void release();
}
