package dev.wsgi4j.samples;

import dev.wsgi4j.netty.cli.Wsgi4jServer;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar sample-apps.jar}: {@code wsgi4j-server dev.wsgi4j.samples.DemoApp}, the demo served by the same
 * command as any application, with every {@code wsgi4j-server} option. It keeps the demo's own two:
 * {@code --host} and {@code --port} are shorthand for {@code --bind HOST:PORT}, and it listens on 127.0.0.1:8080
 * unless told otherwise. SIGTERM or Ctrl-C stop it gracefully.
 */
public final class DemoServer {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND = DEFAULT_HOST + ":" + DEFAULT_PORT;

    private DemoServer() {
    }

    public static void main(String[] args) {
        System.exit(Wsgi4jServer.runProcess(serverArguments(args), DemoServer::rename));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Wsgi4jServer.run(serverArguments(args), out, err, DemoServer::rename);
    }

    /** {@code wsgi4j-server} as the demo's command: its name, description and default address. */
    private static void rename(CommandLine cl) {
        cl.setCommandName("sample-apps");
        cl.getCommandSpec().usageMessage().description(
                "Serves the wsgi4j demo: wsgi4j-server with APP " + DemoApp.class.getName() + ".",
                "--host HOST and --port PORT are shorthand for --bind HOST:PORT; the demo listens on "
                        + DEFAULT_BIND + " unless the command line or a --config file says otherwise.");
        Wsgi4jServer.setDefaultBind(cl, DEFAULT_BIND);
    }

    /**
     * {@code args} as {@code wsgi4j-server} takes them: {@code --host} and {@code --port}, when given, folded into
     * one {@code --bind} (the other from the demo's address), and the demo as APP. Without them no {@code --bind} is
     * added, so that a {@code --config} file's {@code bind} is not overridden by the demo's default.
     */
    static String[] serverArguments(String[] args) {
        List<String> out = new ArrayList<>();
        String host = null;
        String port = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--host") || a.equals("--port")) && i + 1 < args.length) {
                if (a.equals("--host")) {
                    host = args[++i];
                } else {
                    port = args[++i];
                }
            } else if (a.startsWith("--host=")) {
                host = a.substring("--host=".length());
            } else if (a.startsWith("--port=")) {
                port = a.substring("--port=".length());
            } else {
                out.add(a);
            }
        }
        if (host != null || port != null) {
            String h = host == null ? DEFAULT_HOST : host;
            out.add(0, (h.contains(":") ? "[" + h + "]" : h) + ":" + (port == null ? DEFAULT_PORT : port));
            out.add(0, "--bind");
        }
        out.add(DemoApp.class.getName());
        return out.toArray(String[]::new);
    }
}
