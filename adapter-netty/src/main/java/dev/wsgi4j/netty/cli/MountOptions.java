package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.mount.MountPrefix;
import dev.wsgi4j.netty.mount.MountSettings;
import dev.wsgi4j.netty.mount.MountTable;
import dev.wsgi4j.netty.mount.Mounts;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --mount PREFIX=APP[,executor=KIND][,threads=N][,timeout=DURATION]} of {@code wsgi4j-server}: more
 * applications under path prefixes of the one server (README "Mounts", SPEC.md §6.10), each loaded as the
 * positional APP is. A mixin of {@link Wsgi4jServer}; {@link #toMounts} makes the {@link Mounts} it serves.
 */
public final class MountOptions {

    /** One {@code --mount} as parsed: the prefix normalized, the APP not yet loaded. */
    record MountSpec(String prefix, String app, MountSettings settings) {

        /** @throws IllegalArgumentException saying what is wrong with {@code value} */
        static MountSpec parse(String value) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + value + "' is not PREFIX=APP[,executor=KIND][,threads=N]"
                        + "[,timeout=DURATION]");
            }
            String prefix = MountPrefix.normalize(value.substring(0, eq));
            String[] parts = value.substring(eq + 1).split(",", -1);
            if (parts[0].isEmpty()) {
                throw new IllegalArgumentException("'" + value + "' names no APP after '='");
            }
            ExecutorKind executor = null;
            int threads = 0;
            Duration timeout = null;
            Set<String> seen = new HashSet<>();
            for (int i = 1; i < parts.length; i++) {
                int at = parts[i].indexOf('=');
                String key = at < 0 ? parts[i] : parts[i].substring(0, at);
                String setting = at < 0 ? "" : parts[i].substring(at + 1);
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("'" + value + "' gives " + key + " twice");
                }
                switch (key) {
                    case "executor" -> executor = OptionValues.executor(setting);
                    case "threads" -> threads = positive(setting);
                    case "timeout" -> timeout = OptionValues.duration(setting);
                    default -> throw new IllegalArgumentException("'" + parts[i] + "' is no mount setting "
                            + "(executor=KIND, threads=N, timeout=DURATION)");
                }
            }
            return new MountSpec(prefix, parts[0], new MountSettings(executor, threads, timeout));
        }

        private static int positive(String text) {
            try {
                int n = Integer.parseInt(text);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("threads='" + text + "' is not a number of threads (1 or more)");
        }
    }

    /** picocli's hook onto {@link MountSpec#parse}; public because picocli constructs it reflectively. */
    public static final class Converter implements ITypeConverter<MountSpec> {
        @Override
        public MountSpec convert(String value) {
            try {
                return MountSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--mount", paramLabel = "PREFIX=APP[,SETTING=VALUE]", split = "\\s+", splitSynopsisLabel = " ",
            converter = Converter.class,
            description = {"Serve APP (loaded as the positional APP is) under PREFIX, such as /admin: it gets the "
                    + "requests whose path is PREFIX or under it (the longest matching PREFIX wins), with PREFIX in "
                    + "SCRIPT_NAME. Repeatable; the positional APP serves the rest, and may be left out (a path no "
                    + "PREFIX matches then gets 404).",
                    "Settings, after commas: executor=pool|virtual|inline|single, threads=N (the mount's own pool), "
                            + "timeout=DURATION (its --request-timeout); by default the server's --executor and "
                            + "--threads, on threads of the mount's own, so a full mount answers 503 alone."})
    List<MountSpec> mounts = new ArrayList<>();

    boolean isEmpty() {
        return mounts.isEmpty();
    }

    /** Each {@code --mount}'s APP, as written. */
    List<String> apps() {
        return mounts.stream().map(MountSpec::app).toList();
    }

    /**
     * {@code root} (the positional APP, or null) at the root, and each {@code --mount} with its APP loaded by
     * {@code loader}.
     *
     * @throws IllegalArgumentException naming the {@code --mount} that repeats a prefix, whose APP cannot be loaded,
     *                                  or that gives a timeout to an application on the event loop
     */
    Mounts toMounts(Application root, AppLoader loader, ServerConfig config) {
        Mounts.Builder builder = Mounts.builder();
        if (root != null) {
            builder.root(root);
        }
        for (MountSpec m : mounts) {
            String shown = m.prefix().isEmpty() ? "/" : m.prefix();
            if (root != null && m.prefix().isEmpty()) {
                throw new IllegalArgumentException("--mount /=" + m.app() + ": APP already serves the root");
            }
            Application application;
            try {
                application = loader.load(m.app());
            } catch (AppLoadException e) {
                throw new IllegalArgumentException("--mount " + shown + ": cannot load APP " + m.app() + ": "
                        + e.getMessage(), e);
            }
            try {
                builder.mount(m.prefix(), application, m.settings());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mount " + shown + " is given twice", e);
            }
        }
        Mounts built = builder.build();
        for (Mounts.Entry e : built.entries()) {
            try {
                MountTable.requestTimeout(e, config);
            } catch (IllegalArgumentException inline) {
                throw new IllegalArgumentException("--" + inline.getMessage(), inline);
            }
        }
        return built;
    }

    /** What {@code --check-config} prints for the mounts after the rest: a line each, or nothing without any. */
    String describe(ServerConfig config) {
        StringBuilder out = new StringBuilder();
        for (MountSpec m : mounts) {
            out.append(System.lineSeparator()).append("mount: ").append(m.prefix().isEmpty() ? "/" : m.prefix()).append(" = ").append(m.app())
                    .append(", executor: ").append(MountTable.executor(m.settings(), config))
                    .append(m.settings().requestTimeout() == null ? ""
                            : ", timeout: " + OptionValues.format(m.settings().requestTimeout()));
        }
        return out.toString();
    }
}
