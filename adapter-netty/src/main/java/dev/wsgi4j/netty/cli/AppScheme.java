package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;

/**
 * A kind of APP other than a Java class, added to {@code wsgi4j-server} by another module through
 * {@link AppSchemes#add}: an APP written {@code SCHEME:SPEC} (the positional APP, a {@code --mount PREFIX=APP}, and
 * SIGHUP's reload of the root APP) is given to the scheme named SCHEME, as {@code python:app:application} goes to
 * adapter-graalpy's. A Java class name never holds a ':', and {@code CLASS::MEMBER} stays a Java APP, so the two
 * cannot be confused.
 * <p>An implementation may declare picocli {@code @Option} fields: they become options of the command (and keys of
 * its {@code --config} file), set before {@link #load} is first called. One of them may name the root APP itself
 * ({@link #appFromOption}), as {@code --python module:callable} stands for APP {@code python:module:callable}.
 */
public interface AppScheme {

    /** SCHEME, as APP spells it before the first ':', such as {@code python}. */
    String name();

    /**
     * The application SPEC names (the APP after {@code SCHEME:}), a new one at each call: each APP of the command
     * gets its own, and a SIGHUP reload of the root APP loads it afresh. An application that is
     * {@link AutoCloseable} is closed once it is replaced by a reload.
     *
     * @throws IllegalArgumentException with the one line the user sees (status 2 at start; logged at a reload)
     * @throws Exception                anything else, shown as its class and message, its stack trace in the log
     */
    Application load(String spec) throws Exception;

    /**
     * The SPEC this scheme's own option gave for the root APP, or null when it gave none: the command then serves
     * {@code SCHEME:SPEC} as if APP had been written so. Giving both that option and APP is a usage error.
     */
    default String appFromOption() {
        return null;
    }

    /** The option {@link #appFromOption} reads, as the usage error names it; {@code --SCHEME} by default. */
    default String appOption() {
        return "--" + name();
    }

    /** What {@code --check-config} prints about this scheme's settings after the rest: whole lines, or "". */
    default String describe() {
        return "";
    }
}
