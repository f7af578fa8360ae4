package dev.wsgi4j.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One GraalPy context with the bridge module ({@code wsgi4j_bridge.py}) and the application loaded: the unit the
 * pool lends to one request at a time. Python code runs only while the borrowing thread calls in.
 */
final class Interpreter implements AutoCloseable {

    private static final String BRIDGE = "wsgi4j_bridge.py";

    private final Context context;
    final Value application;
    final Value environ;
    final Value call;
    final Value chunks;
    final Value iter;
    final Value nextChunk;
    final Value close;
    final Value regularFile;
    private final Value formatException;

    private Interpreter(Context context, String spec) {
        this.context = context;
        context.eval(bridgeSource());
        Value bridge = context.getBindings("python");
        this.environ = bridge.getMember("environ");
        this.call = bridge.getMember("call");
        this.chunks = bridge.getMember("chunks");
        this.nextChunk = bridge.getMember("next_chunk");
        this.close = bridge.getMember("close");
        this.regularFile = bridge.getMember("regular_file");
        this.formatException = bridge.getMember("format_exception");
        this.iter = context.eval("python", "iter");
        try {
            this.application = bridge.getMember("load").execute(spec);
        } catch (PolyglotException e) {
            throw translate(e);
        }
    }

    /** Creates a context on {@code engine} and imports the application {@code spec} ("module:callable") in it. */
    static Interpreter start(Engine engine, String spec, PythonOptions options) {
        Context.Builder builder = Context.newBuilder("python")
                .engine(engine)
                .allowIO(IOAccess.ALL)
                .allowCreateThread(true)
                .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                .option("python.PythonPath", options.pythonPath().stream()
                        .map(Path::toString).collect(Collectors.joining(":")));
        // GraalPy embedded writes no .pyc unless told to (python.DontWriteBytecodeFlag defaults to true).
        options.bytecodeCache().ifPresent(dir -> builder
                .option("python.DontWriteBytecodeFlag", "false")
                .option("python.PyCachePrefix", dir.toAbsolutePath().toString()));
        Context context = builder.build();
        try {
            return new Interpreter(context, spec);
        } catch (RuntimeException | Error e) {
            context.close(true);
            throw e;
        }
    }

    /**
     * What to throw for a failure inside Python: a Java exception that passed through Python (the client went
     * away during write(), say) is rethrown as itself; a Python exception becomes a {@link PythonException}
     * carrying Python's traceback.
     */
    RuntimeException translate(PolyglotException e) {
        if (e.isHostException()) {
            throw Interpreter.<RuntimeException>sneaky(e.asHostException());
        }
        if (e.isGuestException() && !e.isExit() && e.getGuestObject() != null) {
            try {
                return new PythonException(formatException.execute(e.getGuestObject()).asString());
            } catch (PolyglotException formatting) {
                e.addSuppressed(formatting);
            }
        }
        return new PythonException(e.isExit() ? "SystemExit: " + e.getExitStatus() : e.toString());
    }

    /** Throws a checked exception unchanged through code that cannot declare it (Python, an Iterator). */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static Source bridgeSource() {
        try (InputStream in = Interpreter.class.getResourceAsStream(BRIDGE)) {
            if (in == null) {
                throw new IllegalStateException(BRIDGE + " is missing from the jar");
            }
            return Source.newBuilder("python", new String(in.readAllBytes(), StandardCharsets.UTF_8), BRIDGE)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close(true);
    }
}
