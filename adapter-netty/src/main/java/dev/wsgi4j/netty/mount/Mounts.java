package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a server serves where: applications under path prefixes, each with its {@link MountSettings}, and optionally
 * one at the root. A request goes to the mount with the longest prefix that covers its path at a segment boundary
 * ({@link MountPrefix#matches}); one no prefix covers, on a server without a root application, gets the 404 page of
 * core's {@code Responses.notFound}. Immutable; one {@code Mounts} may serve several servers, each of which makes
 * executors of its own for it.
 *
 * <pre>{@code
 * Mounts mounts = Mounts.builder().root(site)
 *         .mount("/admin", admin, new MountSettings(ExecutorKind.POOL, 4, null))
 *         .build();
 * new GatewayServer(mounts, ServerConfig.builder().port(0).build()).start();
 * }</pre>
 */
public final class Mounts {

    /**
     * One mounted application.
     *
     * @param prefix      the normalized prefix ({@link MountPrefix#normalize}): {@code ""} for the root
     * @param application what serves the paths under it
     * @param settings    how it runs
     */
    public record Entry(String prefix, Application application, MountSettings settings) {
        public Entry {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(settings, "settings");
        }

        public boolean isRoot() {
            return prefix.isEmpty();
        }
    }

    private final List<Entry> entries;

    private Mounts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** {@code application} at the root, run as the server's settings say: what one application alone is. */
    public static Mounts of(Application application) {
        return builder().root(application).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every mount, the root first when there is one, then in the order they were added. */
    public List<Entry> entries() {
        return entries;
    }

    /** The root mount, or null when the server answers 404 where no prefix matches. */
    public Entry root() {
        return entries.get(0).isRoot() ? entries.get(0) : null;
    }

    /** Collects mounts; each prefix once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Entry> byPrefix = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code application} serves every path no other mount covers, run as the server's settings say. */
        public Builder root(Application application) {
            return root(application, MountSettings.SERVER);
        }

        public Builder root(Application application, MountSettings settings) {
            return add("", "/", application, settings);
        }

        /** {@code application} at {@code prefix}, run as the server's settings say. */
        public Builder mount(String prefix, Application application) {
            return mount(prefix, application, MountSettings.SERVER);
        }

        /**
         * {@code application} at {@code prefix} (like {@code "/admin"}; {@code "/"} is the root).
         *
         * @throws IllegalArgumentException when the prefix breaks a rule of {@link MountPrefix#normalize} or is
         *                                  mounted already
         */
        public Builder mount(String prefix, Application application, MountSettings settings) {
            return add(MountPrefix.normalize(Objects.requireNonNull(prefix, "prefix")), prefix, application,
                    settings);
        }

        private Builder add(String key, String given, Application application, MountSettings settings) {
            Entry entry = new Entry(key, application, settings);
            if (byPrefix.putIfAbsent(key, entry) != null) {
                throw new IllegalArgumentException(key.isEmpty() ? "the root ('/') is mounted twice"
                        : "the prefix '" + given + "' is mounted twice");
            }
            return this;
        }

        /** @throws IllegalStateException when nothing is mounted */
        public Mounts build() {
            if (byPrefix.isEmpty()) {
                throw new IllegalStateException("nothing is mounted");
            }
            List<Entry> entries = new ArrayList<>(byPrefix.size());
            Entry root = byPrefix.get("");
            if (root != null) {
                entries.add(root);
            }
            for (Entry e : byPrefix.values()) {
                if (!e.isRoot()) {
                    entries.add(e);
                }
            }
            return new Mounts(entries);
        }
    }
}
