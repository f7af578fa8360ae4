package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;

import java.util.HashMap;
import java.util.Map;

/** Runs an application through {@link ResponseDriver} onto a {@link RecordingTransport}. */
final class Drive {

    private Drive() {
    }

    static Map<String, Object> environ(String method) {
        Map<String, Object> environ = new HashMap<>();
        environ.put(Environ.REQUEST_METHOD, method);
        environ.put(Environ.SCRIPT_NAME, "");
        environ.put(Environ.PATH_INFO, "/test");
        return environ;
    }

    static RecordingTransport get(Application app) {
        return run(app, "GET", new RecordingTransport(), false);
    }

    static RecordingTransport head(Application app) {
        return run(app, "HEAD", new RecordingTransport(), false);
    }

    static RecordingTransport run(Application app, String method, RecordingTransport transport, boolean debug) {
        new ResponseDriver(debug).run(app, environ(method), transport);
        return transport;
    }
}
