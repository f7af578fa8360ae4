package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
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

    private static final Map<String, String> BUILT_IN = builtIn(ServerConfig.defaults());

    private final Properties file;
    private final Path path;

    private Defaults(Properties file, Path path) {
        this.file = file;
        this.path = path;
    }

    static Defaults builtIn() {
        return new Defaults(new Properties(), null);
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
        return new Defaults(properties, path);
    }

    /**
     * {@code message}, about one option, reworded to name the {@code --config} file's key when the value at fault
     * came from there (the option is in the file and not on the command line {@code args}): {@code --config FILE:
     * key 'threads': must be in 1..100000: 0}. Null when the message is about no such option.
     */
    String blameFile(String message, CommandSpec spec, String[] args) {
        if (path == null) {
            return null;
        }
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (file.getProperty(key) == null || givenIn(args, option)) {
                continue;
            }
            for (String name : option.names()) {
                String reason = reasonAbout(message, name);
                if (reason != null) {
                    return "--config " + path + ": key '" + key + "': " + reason;
                }
            }
        }
        return null;
    }

    /** The part of {@code message} after it names option {@code name}, in picocli's or our own wording; or null. */
    private static String reasonAbout(String message, String name) {
        String picocli = "Invalid value for option '" + name + "': ";
        if (message.startsWith(picocli)) {
            return message.substring(picocli.length());
        }
        if (message.startsWith(name + " ") || message.startsWith(name + ":")) {
            return message.substring(name.length() + 1).trim();
        }
        return null;
    }

    private static boolean givenIn(String[] args, OptionSpec option) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value of {@code --config FILE} or {@code --config=FILE} in {@code args}, or null. */
    static Path configArgument(String[] args) {
        String file = ArgumentScan.value(args, "--config");
        return file == null ? null : Path.of(file);
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
        Map<String, String> all = new java.util.HashMap<>(ListenOptions.defaults(d));
        all.putAll(TuningOptions.defaults(d));
        all.putAll(Map.of(
                "io-threads", String.valueOf(d.ioThreads()),
                "threads", String.valueOf(d.workerThreads()),
                "executor", OptionValues.name(d.executor()),
                "keep-alive", OptionValues.format(d.idleTimeout()),
                "graceful-timeout", OptionValues.format(ServerOptions.DEFAULT_GRACE),
                "limit-request-line", String.valueOf(d.maxRequestLineLength()),
                "limit-request-fields", String.valueOf(d.maxHeaderCount()),
                "limit-request-field-size", String.valueOf(d.maxHeaderFieldSize()),
                "max-body", String.valueOf(d.maxBodySize())));
        return Map.copyOf(all);
    }
}
