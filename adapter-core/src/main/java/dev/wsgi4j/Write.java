package dev.wsgi4j;

import java.io.IOException;

/**
 * The legacy {@code write} callable returned by {@link StartResponse} (SPEC.md §4.4). Its bytes are queued for
 * sending before it returns, ahead of anything the returned body yields later. New applications should return
 * an iterable instead.
 */
@FunctionalInterface
public interface Write {

    void write(byte[] data) throws IOException;
}
