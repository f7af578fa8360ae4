package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;

import java.nio.file.Path;
import java.util.Set;

/**
 * The one thing a server gives the kit: a way to serve an application and reach it. Each statement starts its own
 * server with its own application and closes it afterwards.
 */
public interface ServerUnderTest {

    /**
     * Starts serving {@code application} configured as {@code options} say; the kit closes what this returns.
     * Options the server lacks the capability for are never asked for.
     */
    RunningServer start(Application application, KitOptions options) throws Exception;

    /** What this server can do beyond answering a request. */
    Set<Capability> capabilities();

    /**
     * The prefix of this server's own environ keys, such as {@code wsgi4j.}: PEP 3333 wants server-defined keys in
     * lower-case letters, digits, dots and underscores, prefixed with a name unique to the server.
     */
    String extensionPrefix();

    /**
     * The document that lists the environ keys this server sets (PEP 3333: servers document what they provide),
     * each written in backquotes ({@code `REMOTE_ADDR`}, {@code `HTTP_*`}); null when the kit is not to check it.
     */
    default Path environDocumentation() {
        return null;
    }
}
