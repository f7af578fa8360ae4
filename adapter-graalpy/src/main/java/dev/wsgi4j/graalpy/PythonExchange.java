package dev.wsgi4j.graalpy;

import dev.wsgi4j.EarlyHints;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.Write;
import dev.wsgi4j.WsgiInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One request's crossing into Python and back (PEP 3333 both ways): the Java environ becomes a Python dict with
 * wsgi.input, wsgi.errors and start_response bound to this request, the application is called, and its result
 * becomes a wsgi4j body: a list of chunks when Python returned a list or tuple (its length is known), a
 * {@link FileWrapper} when it returned wsgi.file_wrapper around a regular file (sent without copying), else a
 * {@link PythonBody} iterated lazily.
 */
final class PythonExchange {

    /** Keys the bridge sets itself; the Java values of these keys mean nothing to Python. */
    private static final Set<String> BRIDGED = Set.of(Environ.WSGI_VERSION, Environ.WSGI_INPUT,
            Environ.WSGI_ERRORS, Environ.WSGI_MULTITHREAD, Environ.WSGI_MULTIPROCESS, Environ.WSGI_FILE_WRAPPER,
            Environ.WSGI_EARLY_HINTS);

    /** Handed to start_response as exc_info: when it comes back, the head went out and Python must re-raise. */
    private static final Throwable EXC_INFO = new Throwable("exc_info", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private final Interpreter py;
    private final StartResponse startResponse;
    private Write write;

    PythonExchange(Interpreter py, StartResponse startResponse) {
        this.py = py;
        this.startResponse = startResponse;
    }

    /** Calls the application. The caller gives the interpreter back unless the result is a {@link PythonBody}. */
    Iterable<byte[]> run(Map<String, Object> environ, boolean multithread, boolean multiprocess, Runnable release)
            throws IOException {
        try {
            Value result = py.call.execute(py.application, pythonEnviron(environ, multithread, multiprocess),
                    (ProxyExecutable) this::start, (ProxyExecutable) this::write);
            return body(result, release);
        } catch (PolyglotException e) {
            throw py.translate(e);
        }
    }

    private Iterable<byte[]> body(Value result, Runnable release) throws IOException {
        FileWrapper file = regularFile(result);
        if (file != null) {
            try {
                py.close.execute(result); // the Python file object; the server now has its own channel
            } catch (PolyglotException e) {
                file.close();
                throw e;
            }
            return file;
        }
        Value list = py.chunks.execute(result);
        if (!list.isNull()) {
            List<byte[]> chunks = new ArrayList<>((int) list.getArraySize());
            for (long i = 0; i < list.getArraySize(); i++) {
                chunks.add(bytes(list.getArrayElement(i)));
            }
            return chunks;
        }
        return new PythonBody(py, result, release);
    }

    private Value pythonEnviron(Map<String, Object> environ, boolean multithread, boolean multiprocess) {
        WsgiInput input = Environ.input(environ);
        PrintWriter errors = environ.get(Environ.WSGI_ERRORS) instanceof PrintWriter w
                ? w : new PrintWriter(Writer.nullWriter());
        Object hints = environ.get(Environ.WSGI_EARLY_HINTS);
        List<Object> args = new ArrayList<>(7 + 2 * environ.size());
        args.add((ProxyExecutable) a -> latin1(read(input, a[0].asLong())));
        args.add((ProxyExecutable) a -> latin1(readLine(input, a[0].asInt())));
        args.add((ProxyExecutable) a -> {
            errors.write(a[0].asString());
            return null;
        });
        args.add((ProxyExecutable) a -> {
            errors.flush();
            return null;
        });
        args.add(multithread);
        args.add(multiprocess);
        args.add(hints instanceof EarlyHints h ? (ProxyExecutable) a -> earlyHints(h, a[0]) : null);
        for (Map.Entry<String, Object> entry : environ.entrySet()) {
            if (!BRIDGED.contains(entry.getKey())) {
                args.add(entry.getKey());
                // A server's BooleanSupplier (wsgi4j.client_disconnected) is a callable returning a bool in Python.
                args.add(entry.getValue() instanceof BooleanSupplier signal
                        ? (ProxyExecutable) a -> signal.getAsBoolean() : entry.getValue());
            }
        }
        return py.environ.execute(args.toArray());
    }

    /** start_response's Java half: answers true when Python must re-raise exc_info (PEP 3333). */
    private Object start(Value... args) {
        List<Header> headers = headers(args[1]);
        try {
            write = startResponse.start(args[0].asString(), headers, args[2].asBoolean() ? EXC_INFO : null);
            return false;
        } catch (Throwable t) {
            if (t == EXC_INFO) {
                return true;
            }
            throw t;
        }
    }

    private Object write(Value... args) {
        if (write == null) {
            throw new IllegalStateException("[S-4.4] write() called before start_response");
        }
        try {
            write.write(bytes(args[0]));
        } catch (IOException e) {
            throw Interpreter.<RuntimeException>sneaky(e);
        }
        return null;
    }

    private static Object earlyHints(EarlyHints hints, Value flat) {
        try {
            hints.send(headers(flat));
        } catch (IOException e) {
            throw Interpreter.<RuntimeException>sneaky(e);
        }
        return null;
    }

    /** The bridge flattens [(name, value), ...] into [name, value, ...] after checking every item is a str. */
    private static List<Header> headers(Value flat) {
        int size = (int) flat.getArraySize();
        List<Header> headers = new ArrayList<>(size / 2);
        for (int i = 0; i + 1 < size; i += 2) {
            headers.add(new Header(flat.getArrayElement(i).asString(), flat.getArrayElement(i + 1).asString()));
        }
        return headers;
    }

    static byte[] bytes(Value pythonBytes) {
        int size = (int) pythonBytes.getBufferSize();
        byte[] data = new byte[size];
        if (size > 0) {
            pythonBytes.readBuffer(0, data, 0, size);
        }
        return data;
    }

    /** Bytes cross into Python as a str of Latin-1 characters, one per byte, which the bridge encodes back. */
    private static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(WsgiInput input, long size) {
        try {
            return size < 0 ? input.readAllBytes() : input.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw Interpreter.<RuntimeException>sneaky(e);
        }
    }

    private static byte[] readLine(WsgiInput input, int size) {
        try {
            return input.readLine(size);
        } catch (IOException e) {
            throw Interpreter.<RuntimeException>sneaky(e);
        }
    }

    /**
     * A Java FileWrapper on the same file when the result is wsgi.file_wrapper around a regular file: opened by
     * path and accepted only when its inode and size are the ones Python saw, else null (iterate it instead).
     */
    private FileWrapper regularFile(Value result) throws IOException {
        Value file = py.regularFile.execute(result);
        if (file.isNull()) {
            return null;
        }
        Path path = Path.of(file.getArrayElement(0).asString());
        long position = file.getArrayElement(1).asLong();
        long size = file.getArrayElement(2).asLong();
        long inode = file.getArrayElement(3).asLong();
        int blockSize = Math.max(1, file.getArrayElement(4).asInt());
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            return null;
        }
        try {
            if (Files.getAttribute(path, "unix:ino") instanceof Long ino && ino == inode
                    && channel.size() == size && position <= size) {
                return FileWrapper.of(channel, position, size - position, blockSize);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not a file system that tells inodes: iterate in Python instead
        }
        channel.close();
        return null;
    }
}
