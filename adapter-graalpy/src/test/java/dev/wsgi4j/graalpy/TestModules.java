package dev.wsgi4j.graalpy;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the tests' Python modules are (src/test/resources/python): the directory to put on the Python path. */
public final class TestModules {

    private TestModules() {
    }

    public static Path directory() {
        try {
            return Path.of(TestModules.class.getResource("/python/probe_app.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
