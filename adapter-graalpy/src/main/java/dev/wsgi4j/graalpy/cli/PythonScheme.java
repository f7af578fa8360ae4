package dev.wsgi4j.graalpy.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.graalpy.PythonApplication;
import dev.wsgi4j.graalpy.PythonException;
import dev.wsgi4j.graalpy.PythonOptions;
import dev.wsgi4j.netty.cli.AppScheme;
import dev.wsgi4j.netty.cli.OptionConverters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code python:} APP scheme of {@code wsgi4j-python}: {@code python:MODULE:CALLABLE} (as the positional APP,
 * {@code --python MODULE:CALLABLE}, or in a {@code --mount}) is a Python WSGI application served through GraalPy,
 * and the {@code --python-*} options are its {@link PythonOptions}, one set shared by every Python APP of the
 * process; each APP gets an interpreter pool of its own ({@link PythonApplication#load}).
 */
public final class PythonScheme implements AppScheme {

    /** {@link PythonOptions}' names in its messages, and the option a user would change instead. */
    private static final Map<String, String> OPTION_OF = Map.of(
            "poolSize", "--python-pool",
            "threads", "--python-threads",
            "busyTimeout", "--python-busy-timeout",
            "warmup", "--python-warmup");

    @Option(names = "--python", paramLabel = "MODULE:CALLABLE",
            description = {"Serve the Python WSGI application CALLABLE of MODULE (gunicorn's form; CALLABLE "
                    + "defaults to application): the same as APP python:MODULE:CALLABLE. A --mount serves one "
                    + "under a prefix as PREFIX=python:MODULE:CALLABLE."})
    String python;

    @Option(names = "--python-path", paramLabel = "DIR[${sys:path.separator}DIR...]",
            description = "Directories put before the standard library on sys.path: the application's own, a "
                    + "virtualenv's site-packages, /usr/lib/python3/dist-packages (pure-Python packages only); "
                    + "separated by '${sys:path.separator}', or repeat the option.")
    List<String> pythonPath = new ArrayList<>();

    @Option(names = "--python-pool", paramLabel = "N",
            description = "Python interpreters (GraalPy contexts) per Python APP, serving requests side by side "
                    + "(default: the number of cores).")
    Integer pool;

    @Option(names = "--python-threads", paramLabel = "N", defaultValue = "1",
            description = "Requests one interpreter serves at once, taking turns under its GIL, as gunicorn's "
                    + "gthread worker (default: ${DEFAULT-VALUE}; 1 keeps wsgi.multithread False).")
    int threads;

    @Option(names = "--python-bytecode-cache", paramLabel = "DIR",
            description = "Keep compiled .pyc files in DIR, so that later starts skip compiling (default: none).")
    Path bytecodeCache;

    @Option(names = "--python-warmup", paramLabel = "PATH",
            description = "Send each interpreter a GET of PATH (with an optional ?query) before the server "
                    + "listens, so that the first client does not pay for the application's lazy start (default: "
                    + "none).")
    String warmup;

    @Option(names = "--python-busy-timeout", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            defaultValue = "10s",
            description = "How long a request waits for a free interpreter when all are busy before it is "
                    + "answered 503 (default: ${DEFAULT-VALUE}; 0 answers at once).")
    Duration busyTimeout;

    /** Made at the first load and shared by every Python APP after it. */
    private PythonOptions options;

    @Override
    public String name() {
        return "python";
    }

    @Override
    public String appFromOption() {
        return python;
    }

    @Override
    public Application load(String spec) {
        PythonOptions shared = options();
        try {
            return PythonApplication.load(spec, shared);
        } catch (PythonException e) {
            LoggerFactory.getLogger(PythonScheme.class).error("cannot load python:{}:\n{}", spec, e.getMessage());
            throw new IllegalArgumentException(summary(e.getMessage()));
        }
    }

    /**
     * The options every Python APP is loaded with.
     *
     * @throws IllegalArgumentException naming the option whose value is refused
     */
    synchronized PythonOptions options() {
        if (options == null) {
            List<Path> path = new ArrayList<>();
            for (String dirs : pythonPath) {
                for (String dir : dirs.split(File.pathSeparator)) {
                    if (!dir.isEmpty()) {
                        Path p = Path.of(dir);
                        if (!Files.isDirectory(p)) {
                            throw new IllegalArgumentException("--python-path " + dir + " is not a directory");
                        }
                        path.add(p);
                    }
                }
            }
            int size = pool == null ? PythonOptions.defaults().poolSize() : pool;
            try {
                options = new PythonOptions(path, size, threads, Optional.ofNullable(bytecodeCache), busyTimeout,
                        Optional.ofNullable(warmup));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(inOptionTerms(e.getMessage()), e);
            }
        }
        return options;
    }

    @Override
    public String describe() {
        PythonOptions o = options();
        String path = o.pythonPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return "python-path: " + (path.isEmpty() ? "(none)" : path) + System.lineSeparator()
                + "python-pool: " + o.poolSize() + ", python-threads: " + o.threads()
                + ", python-busy-timeout: " + format(o.busyTimeout())
                + ", python-bytecode-cache: " + o.bytecodeCache().map(Path::toString).orElse("none")
                + ", python-warmup: " + o.warmup().orElse("none");
    }

    private static String inOptionTerms(String message) {
        for (Map.Entry<String, String> e : OPTION_OF.entrySet()) {
            if (message.startsWith(e.getKey() + " ")) {
                return e.getValue() + message.substring(e.getKey().length());
            }
        }
        return message;
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * The line the user sees for a failed load: of a traceback (whole in the log), its last line, the exception
     * itself ({@code ModuleNotFoundError: No module named 'x'}); any other message as it is.
     */
    static String summary(String message) {
        String text = String.valueOf(message).strip();
        if (!text.startsWith("Traceback ")) {
            return text;
        }
        String[] lines = text.split("\\R");
        return lines[lines.length - 1].strip();
    }
}
