package dev.wsgi4j.graalpy.cli;

import dev.wsgi4j.netty.cli.AppSchemes;
import dev.wsgi4j.netty.cli.Wsgi4jServer;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * {@code wsgi4j-python}: {@code wsgi4j-server} (every option, mounts and signals included) that also serves Python
 * WSGI applications through GraalPy, as {@code --python MODULE:CALLABLE} or APP {@code python:MODULE:CALLABLE}
 * ({@link PythonScheme}), beside Java ones. README "Serving a Python WSGI application".
 */
public final class Wsgi4jPython {

    private Wsgi4jPython() {
    }

    public static void main(String[] args) {
        System.exit(Wsgi4jServer.runProcess(args, Wsgi4jPython::customize));
    }

    /** Parses {@code args}, and serves or checks, in this JVM; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Wsgi4jServer.run(args, out, err, Wsgi4jPython::customize);
    }

    /** {@code wsgi4j-server} as {@code wsgi4j-python}: its name, description and the {@code python:} scheme. */
    static void customize(CommandLine cl) {
        cl.setCommandName("wsgi4j-python");
        cl.getCommandSpec().version("wsgi4j-python 0.1.0-SNAPSHOT");
        cl.getCommandSpec().usageMessage().description(
                "Serves Python WSGI applications through GraalPy, and wsgi4j applications, over HTTP/1.1.",
                "APP python:MODULE:CALLABLE (or --python MODULE:CALLABLE) is a Python application; a --mount may "
                        + "name one too. Every option of wsgi4j-server applies.");
        AppSchemes.add(cl, new PythonScheme());
    }
}
