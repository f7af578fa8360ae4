package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.RequestTarget;
import dev.wsgi4j.http.BadRequestException;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.netty.AppExecutor;
import dev.wsgi4j.netty.ApplicationSlot;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A running server's mounts, each with the executor made for it, and the choice of one per request, made on the
 * event loop before any thread is asked for: so a mount whose pool and queue are full answers 503 while the others
 * serve. Built at start ({@link #start}); its executors stop with the server ({@link #shutdown}).
 */
public final class MountTable {

    /** What answers where no prefix matched on a server without a root: the 404 page, on the event loop. */
    private static final Application NOT_FOUND = (environ, startResponse) ->
            Responses.notFound(environ).send(startResponse);

    /** Longest prefix first, the root (or the 404) last: the first that covers a path is the one that serves it. */
    private final List<ActiveMount> byLength;
    /** The root, or the server's 404 when nothing is mounted there. */
    private final ActiveMount fallback;

    private MountTable(List<ActiveMount> mounts, ActiveMount fallback) {
        List<ActiveMount> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt((ActiveMount m) -> m.pathPrefix().length()).reversed());
        this.byLength = List.copyOf(sorted);
        this.fallback = fallback;
    }

    /** One application at the root on {@code executor}: a server without mounts, as tests build one. */
    public static MountTable of(Application application, AppExecutor executor) {
        ActiveMount root = new ActiveMount("", "", new ApplicationSlot(application), executor, MountSettings.SERVER);
        return new MountTable(List.of(), root);
    }

    /**
     * Makes each mount's executor, sized by its settings and otherwise by {@code config}: a pool of its own has
     * {@code config}'s queue length and at most {@code config}'s parallelism. The root's threads keep the server's
     * names ({@code wsgi4j-app-N}); a mount's carry its prefix ({@code wsgi4j-app/admin-N}).
     *
     * @throws IllegalStateException    when an executor cannot be made here (virtual threads before Java 21)
     * @throws IllegalArgumentException when a mount on the event loop gives a request timeout
     *                                  ({@link #requestTimeout})
     */
    public static MountTable start(Mounts mounts, ServerConfig config) {
        return start(mounts, config, prefix -> null);
    }

    /**
     * As {@link #start(Mounts, ServerConfig)}, each mount's application held in the slot {@code slots} gives for its
     * prefix ({@code ""} for the root), where the server swaps it; a new slot where {@code slots} gives none.
     */
    public static MountTable start(Mounts mounts, ServerConfig config,
                                   java.util.function.Function<String, ApplicationSlot> slots) {
        List<ActiveMount> active = new ArrayList<>();
        ActiveMount root = null;
        try {
            for (Mounts.Entry e : mounts.entries()) {
                MountSettings s = e.settings();
                int threads = s.threads() > 0 ? s.threads() : config.workerThreads();
                AppExecutor executor = AppExecutor.create(s.executorUnder(config.executor()),
                        config.poolParallelism(), threads, config.workerQueue(), "wsgi4j-app" + e.prefix() + "-",
                        requestTimeout(e, config).toNanos());
                ApplicationSlot slot = slots.apply(e.prefix());
                ActiveMount mount = new ActiveMount(e.prefix(), MountPrefix.pathForm(e.prefix()),
                        slot != null ? slot : new ApplicationSlot(e.application()), executor, s);
                if (e.isRoot()) {
                    root = mount;
                } else {
                    active.add(mount);
                }
            }
        } catch (RuntimeException failed) {
            new MountTable(active, root).shutdown(Duration.ZERO);
            throw failed;
        }
        ActiveMount fallback = root != null ? root : new ActiveMount(null, "", new ApplicationSlot(NOT_FOUND),
                AppExecutor.create(ExecutorKind.INLINE, 0, 0, 0, "", 0), MountSettings.SERVER);
        return new MountTable(active, fallback);
    }

    /**
     * How long a call of mount {@code e} may take under {@code config} ({@link Duration#ZERO} for no limit): its own
     * timeout, else the server's; none on the event loop, where nothing could stop a call.
     *
     * @throws IllegalArgumentException when the mount gives a timeout but runs on the event loop
     */
    public static Duration requestTimeout(Mounts.Entry e, ServerConfig config) {
        MountSettings s = e.settings();
        if (s.executorUnder(config.executor()) == ExecutorKind.INLINE) {
            if (s.requestTimeout() != null && !s.requestTimeout().isZero()) {
                throw new IllegalArgumentException("mount " + (e.isRoot() ? "/" : e.prefix()) + ": a request "
                        + "timeout needs an executor off the event loop (pool or virtual), not inline");
            }
            return Duration.ZERO;
        }
        return s.requestTimeout() != null ? s.requestTimeout() : config.requestTimeout();
    }

    /** As {@link #select(String, String)} with no outer prefix. */
    public ActiveMount select(String target) {
        return select(target, null);
    }

    /**
     * The mount that serves {@code target}, a request-target as received: the longest prefix covering its
     * percent-decoded path, the path PATH_INFO will hold. A path that cannot be decoded goes to the root (or the
     * 404), where building the environ answers it 400 as on a server without mounts.
     *
     * @param outer a prefix (in PATH_INFO's form) that leaves PATH_INFO before the mounts see it, as a uwsgi
     *              SCRIPT_NAME var does (SPEC.md §3.11) when the path is under it; null for none
     */
    public ActiveMount select(String target, String outer) {
        if (byLength.isEmpty()) {
            return fallback;
        }
        String path;
        try {
            path = RequestTarget.parse(target).decodedPath();
        } catch (BadRequestException e) {
            return fallback;
        }
        if (outer != null && MountPrefix.matches(outer, path)) {
            path = path.substring(outer.length());
        }
        for (ActiveMount m : byLength) {
            if (MountPrefix.matches(m.pathPrefix(), path)) {
                return m;
            }
        }
        return fallback;
    }

    /**
     * What is served, as the start line says it: the root application's class, then each mount's with its prefix
     * and its executor where that is not the server's ({@code com.example.Site, com.example.Admin at /admin (pool
     * of 4)}).
     */
    public static String describe(Mounts mounts, ServerConfig config) {
        StringBuilder out = new StringBuilder();
        for (Mounts.Entry e : mounts.entries()) {
            out.append(out.length() == 0 ? "" : ", ").append(e.application().getClass().getName())
                    .append(e.isRoot() ? "" : " at " + e.prefix());
            String executor = executor(e.settings(), config);
            if (!executor.equals(executor(MountSettings.SERVER, config))) {
                out.append(" (").append(executor).append(')');
            }
        }
        return mounts.root() == null ? out + " (404 elsewhere)" : out.toString();
    }

    /** Where a mount with {@code settings} runs under {@code config}: {@code pool of 200}, {@code virtual}. */
    public static String executor(MountSettings settings, ServerConfig config) {
        ExecutorKind kind = settings.executorUnder(config.executor());
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (kind != ExecutorKind.POOL ? ""
                : " of " + (settings.threads() > 0 ? settings.threads() : config.workerThreads()));
    }

    /** The root (or the server's 404 where there is none). */
    public ActiveMount root() {
        return fallback;
    }

    /** Every mount, the root (or the 404) last. */
    public List<ActiveMount> all() {
        List<ActiveMount> all = new ArrayList<>(byLength);
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }

    /** Requests waiting for a thread, over every mount's executor. */
    public int queued() {
        int queued = 0;
        for (ActiveMount m : all()) {
            queued += m.executor().queued();
        }
        return queued;
    }

    /**
     * Stops every mount's executor: each stops taking work and its running applications get what is left of
     * {@code grace}, counted from now for all of them together, then are interrupted.
     */
    public void shutdown(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        for (ActiveMount m : all()) {
            try {
                m.executor().shutdown(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
