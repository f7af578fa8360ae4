package dev.wsgi4j.netty.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What the tests of the {@code wsgi4j-server} command line share: running it with its output captured, and parsing
 * options without serving.
 */
abstract class CommandLineTest {

    static final String HELLO = TestApps.Hello.class.getName();

    /** What the last {@link #run} printed to standard output and to standard error. */
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs the command as {@code main} would, without exiting; its exit status. */
    int run(String... args) {
        return Wsgi4jServer.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The options {@code args} parse into, without loading APP or serving. */
    static ServerOptions parse(String... args) {
        return parseCommand(args).options;
    }

    /** The whole command {@code args} parse into (APP and every option), without loading APP or serving. */
    static Wsgi4jServer parseCommand(String... args) {
        Wsgi4jServer command = new Wsgi4jServer();
        Wsgi4jServer.commandLine(command, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .parseArgs(args);
        return command;
    }
}
