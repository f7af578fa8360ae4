package dev.wsgi4j.netty.mount;

import dev.wsgi4j.netty.ExecutorKind;

import java.time.Duration;

/**
 * How one mount runs its application: each value left out ({@code null}, or 0 for {@code threads}) is the server's
 * own ({@link dev.wsgi4j.netty.ServerConfig}). {@link #SERVER} is the root application's when none is given.
 *
 * @param executor       where the mount's application runs; null for the server's {@code executor}, or
 *                       {@link ExecutorKind#POOL} when {@code threads} is given
 * @param threads        the most threads of the mount's own pool; 0 for the server's {@code workerThreads}. Only for
 *                       a pool: a pool is what has a size
 * @param requestTimeout how long one call of the mount's application may take before the server answers in its
 *                       place (SPEC.md §6.6); null for the server's {@code requestTimeout}, zero for none. Not
 *                       on the event loop
 */
public record MountSettings(ExecutorKind executor, int threads, Duration requestTimeout) {

    /** Everything as the server has it. */
    public static final MountSettings SERVER = new MountSettings(null, 0, null);

    public MountSettings {
        if (threads < 0 || threads > 100_000) {
            throw new IllegalArgumentException("threads must be in 1..100000: " + threads);
        }
        if (threads > 0 && executor != null && executor != ExecutorKind.POOL) {
            throw new IllegalArgumentException("threads is the size of a pool; executor "
                    + executor.name().toLowerCase(java.util.Locale.ROOT) + " has none");
        }
        if (requestTimeout != null && requestTimeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 (0 for none): " + requestTimeout);
        }
        if (requestTimeout != null && !requestTimeout.isZero() && executor == ExecutorKind.INLINE) {
            throw new IllegalArgumentException("a timeout needs an executor off the event loop (pool or virtual), "
                    + "not inline");
        }
    }

    /** The executor this mount runs on under a server whose own is {@code server}. */
    public ExecutorKind executorUnder(ExecutorKind server) {
        return executor != null ? executor : threads > 0 ? ExecutorKind.POOL : server;
    }
}
