package dev.wsgi4j.netty.cli;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.stream.Stream;

/**
 * The context class loader of every server thread ({@code Thread.getContextClassLoader()}, which libraries in APP's
 * jars use to find their services and resources): whatever loaded the application serving now, switched at each
 * reload. Threads inherit their context loader from the thread that made them and keep it; were it the application's
 * own loader, every event loop and executor thread would keep the first application's classes from being
 * collected after a reload. This one defines no class itself and only holds the current loader. The price: a request
 * still running on the replaced application when the loader switches finds the new application's classes and
 * resources through it (its own classes, loaded by its own loader, are unaffected).
 */
final class AppContextLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private volatile ClassLoader current;

    AppContextLoader(ClassLoader parent, ClassLoader current) {
        super("wsgi4j-app-context", parent);
        this.current = current;
    }

    /** From now on, lookups go to {@code loader}, the one the application serving now came from. */
    void use(ClassLoader loader) {
        current = loader;
    }

    ClassLoader current() {
        return current;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return current.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return current.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return current.getResources(name);
    }

    @Override
    public Stream<URL> resources(String name) {
        return current.resources(name);
    }
}
