package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link AppScheme}s a {@code wsgi4j-server} command knows, added by {@link #add} before its arguments are
 * parsed (from {@code Wsgi4jServer.run}'s or {@code runProcess}'s {@code customize}), and how an APP written
 * {@code SCHEME:SPEC} is told from a Java one and loaded ({@link AppLoader} asks here first).
 */
public final class AppSchemes {

    /** RFC 3986's scheme syntax, lower case: never a Java class name, which has no ':' after it. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final Map<String, AppScheme> byName = new LinkedHashMap<>();

    AppSchemes() {
    }

    /**
     * Teaches {@code command} (a {@code wsgi4j-server} command line, as {@code customize} gets it) to load APPs
     * written {@code SCHEME:SPEC} with {@code scheme}, and adds {@code scheme}'s picocli options, if it declares any,
     * to the command's options, its {@code --help} and its {@code --config} keys.
     *
     * @throws IllegalArgumentException when {@code command} is not {@code wsgi4j-server}, the name is not a lower-case
     *                                  scheme name, or the command has a scheme of that name already
     */
    public static void add(CommandLine command, AppScheme scheme) {
        if (!(command.getCommand() instanceof Wsgi4jServer server)) {
            throw new IllegalArgumentException("not a wsgi4j-server command: " + command.getCommandName());
        }
        String name = scheme.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an APP scheme is lower case, as in 'python': " + name);
        }
        if (server.schemes.byName.putIfAbsent(name, scheme) != null) {
            throw new IllegalArgumentException("APP scheme '" + name + "' is added twice");
        }
        if (!CommandSpec.forAnnotatedObjectLenient(scheme).options().isEmpty()) {
            command.addMixin(name, scheme);
        }
    }

    /** SCHEME when {@code app} is written {@code SCHEME:SPEC}; null for a Java APP (CLASS or CLASS::MEMBER). */
    static String schemeOf(String app) {
        int colon = app.indexOf(':');
        return colon < 0 || app.startsWith("::", colon) ? null : app.substring(0, colon);
    }

    /**
     * The root APP: the positional one, or else the one a scheme's option names ({@code --python m:app} gives
     * {@code python:m:app}); null when neither gives one.
     *
     * @throws IllegalArgumentException when both give one, or two schemes' options do
     */
    String rootApp(String positional) {
        String root = positional;
        String from = "APP";
        for (AppScheme scheme : byName.values()) {
            String spec = scheme.appFromOption();
            if (spec == null) {
                continue;
            }
            if (root != null) {
                throw new IllegalArgumentException("give the application once: " + from + " " + root + " and "
                        + scheme.appOption() + " " + spec + " both name one");
            }
            root = scheme.name() + ":" + spec;
            from = scheme.appOption();
        }
        return root;
    }

    /** The application {@code app}, written {@code SCHEME:SPEC} ({@link #schemeOf} gives SCHEME), from its scheme. */
    Application load(String app) throws AppLoadException {
        String name = schemeOf(app);
        AppScheme scheme = byName.get(name);
        if (scheme == null) {
            throw new AppLoadException("unknown APP scheme '" + name + ":' (" + (byName.isEmpty()
                    ? "this command knows none" : "known: " + String.join(", ", byName.keySet()))
                    + "; a Java APP is CLASS or CLASS::MEMBER)");
        }
        String spec = app.substring(name.length() + 1);
        if (spec.isBlank()) {
            throw new AppLoadException("APP '" + app + "' names nothing after '" + name + ":'");
        }
        Application application;
        try {
            application = scheme.load(spec);
        } catch (IllegalArgumentException e) {
            throw new AppLoadException(Wsgi4jServer.oneLine(e.getMessage()));
        } catch (Exception e) {
            throw new AppLoadException(Wsgi4jServer.oneLine(e.toString()), e);
        }
        if (application == null) {
            throw new AppLoadException("scheme '" + name + "' gave no application for " + spec);
        }
        return application;
    }

    /** What {@code --check-config} adds: each scheme's settings, for the schemes {@code apps} use. */
    String describe(List<String> apps) {
        Set<String> used = new LinkedHashSet<>();
        for (String app : apps) {
            String name = app == null ? null : schemeOf(app);
            if (name != null && byName.containsKey(name)) {
                used.add(name);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String name : used) {
            String lines = byName.get(name).describe().strip();
            if (!lines.isEmpty()) {
                out.append(System.lineSeparator()).append(lines);
            }
        }
        return out.toString();
    }
}
