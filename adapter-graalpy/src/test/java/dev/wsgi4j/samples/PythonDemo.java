package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.graalpy.PythonApplication;
import dev.wsgi4j.graalpy.PythonOptions;
import dev.wsgi4j.graalpy.TestModules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Python port of the demo, {@code sample-apps/python/demo.py}, loaded into GraalPy through the test-side module
 * {@code python/demo_per_test.py}, which gives every test's demo a temp directory of its own within one interpreter.
 */
final class PythonDemo {

    /** The environ key demo_per_test.py reads the temp directory from (and removes). */
    static final String TEMP_DIR_KEY = "demo_per_test.temp_dir";

    private PythonDemo() {
    }

    /** {@code sample-apps/python}: the tests run in adapter-graalpy's directory, its sibling's is one level up. */
    static Path sources() {
        Path dir = Path.of("..", "sample-apps", "python").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("demo.py"))) {
            throw new IllegalStateException("no demo.py in " + dir);
        }
        return dir;
    }

    /**
     * One interpreter (each costs seconds to start) serving up to four requests at once, so that, as under the Java
     * demo's server, {@code wsgi.multithread} is true and {@code wsgi.multiprocess} false (the contract's environ
     * row reads both).
     */
    static PythonApplication load() {
        return PythonApplication.load("demo_per_test:application", PythonOptions.defaults()
                .withPythonPath(TestModules.directory(), sources()).withPoolSize(1).withThreads(4));
    }

    /** The demo that keeps its temp files in {@code directory}, served by {@code python}. */
    static Application keepingTempFilesIn(PythonApplication python, Path directory) {
        String name = directory.toAbsolutePath().toString();
        return (environ, startResponse) -> {
            Map<String, Object> withDirectory = new HashMap<>(environ);
            withDirectory.put(TEMP_DIR_KEY, name);
            return python.call(withDirectory, startResponse);
        };
    }
}
