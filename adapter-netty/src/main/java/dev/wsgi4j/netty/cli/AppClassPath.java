package dev.wsgi4j.netty.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class loader APP is loaded from: the command's own class path, plus {@code --classpath} jars and folders. */
final class AppClassPath {

    private AppClassPath() {
    }

    /**
     * @param paths {@code File.pathSeparator}-separated jars and directories, or null for none
     * @throws IllegalArgumentException naming an entry that does not exist
     */
    static ClassLoader loader(String paths, ClassLoader parent) {
        if (paths == null || paths.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : paths.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.trim());
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath entry " + entry + " does not exist");
            }
            try {
                urls.add(path.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + entry + " is not a usable path");
            }
        }
        return new URLClassLoader("wsgi4j-app", urls.toArray(URL[]::new), parent);
    }
}
