package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value an option has when the command line does not give it: the {@code --config} file's entry (keys are the
 * long option names without the dashes, such as {@code bind=0.0.0.0:9000}), else the built-in default ({@code --bind} has
 * none here: picocli would keep a list default next to the values given). picocli
 * converts and checks a value from here exactly as one typed on the command line, and the command line wins.
 */
final class Defaults implements IDefaultValueProvider {

    /** All request header lines together, in bytes: ServerConfig's default, raised by a larger field limit. */
    static final int HEAD_BYTES = ServerConfig.defaults().maxHeaderBlockSize();

    private static final Map<String, String> BUILT_IN = builtIn(ServerConfig.defaults());

    private final Properties file;

    private Defaults(Properties file) {
        this.file = file;
    }

    static Defaults builtIn() {
        return new Defaults(new Properties());
    }

    /**
     * Reads a {@code --config} file; a key that is not an option is refused rather than ignored, so that a typo
     * does not silently leave a default in place.
     *
     * @throws IllegalArgumentException with one line naming the file and the problem
     */
    static Defaults fromFile(Path path, Set<String> keys) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + path + ": cannot read it ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        for (String key : properties.stringPropertyNames()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("--config " + path + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(keys)) + ")");
            }
        }
        return new Defaults(properties);
    }

    /** The value of {@code --config FILE} or {@code --config=FILE} in {@code args}, or null. */
    static Path configArgument(String[] args) {
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!arg.isOption()) {
            return null;
        }
        String key = key((OptionSpec) arg);
        String fromFile = file.getProperty(key);
        return fromFile != null ? fromFile.trim() : BUILT_IN.get(key);
    }

    /**
     * An option's key in a {@code --config} file: its first long name without the dashes (an alias, such as
     * gunicorn's {@code --access-logfile}, is not a key).
     */
    static String key(OptionSpec option) {
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                return name.substring(2);
            }
        }
        return option.longestName().replaceFirst("^-+", "");
    }

    private static Map<String, String> builtIn(ServerConfig d) {
        return Map.of(
                "io-threads", String.valueOf(d.ioThreads()),
                "threads", String.valueOf(d.workerThreads()),
                "executor", OptionValues.name(d.executor()),
                "keep-alive", OptionValues.format(d.idleTimeout()),
                "graceful-timeout", OptionValues.format(ServerOptions.DEFAULT_GRACE),
                "limit-request-line", String.valueOf(d.maxRequestLineLength()),
                "limit-request-fields", String.valueOf(d.maxHeaderCount()),
                "limit-request-field-size", String.valueOf(d.maxHeaderFieldSize()),
                "max-body", String.valueOf(d.maxBodySize()));
    }
}
