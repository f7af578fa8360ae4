package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.graalpy.PythonApplication;
import dev.wsgi4j.testing.ApplicationRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The demo's contract, every HTTP row of it, against the Python port {@code sample-apps/python/demo.py} served
 * through GraalPy on a real server (an ephemeral port, {@code java.net.http.HttpClient}): the same rows the Java
 * demo passes, so the port answers as the Java demo does, and the bridge serves plain WSGI code faithfully.
 */
class PythonDemoOverHttpTest extends DemoContract {

    private static PythonApplication python;
    private static HttpClientRunner runner;

    /** Starting GraalPy takes seconds, more on a loaded 2-core machine: more than the default timeout. */
    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() throws Exception {
        python = PythonDemo.load();
        runner = new HttpClientRunner();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (python != null) {
            python.close();
        }
    }

    @Override
    Application newDemo(Path tempDirectory) {
        return PythonDemo.keepingTempFilesIn(python, tempDirectory);
    }

    @Override
    ApplicationRunner runner() {
        return runner;
    }

    @Override
    String origin() {
        return runner.origin();
    }

    @Override
    String reasonAsSeen(String sent) {
        return "";
    }
}
