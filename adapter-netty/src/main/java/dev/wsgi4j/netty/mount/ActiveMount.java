package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Environ;
import dev.wsgi4j.netty.AppExecutor;
import dev.wsgi4j.netty.ApplicationSlot;
import dev.wsgi4j.netty.ExecutorKind;

import java.util.Map;

/**
 * One mount of a running server: its application, in a slot a swap replaces it in, and the executor made for it at
 * start.
 *
 * @param prefix      the prefix as given, normalized: {@code ""} for the root; null for the server's own 404 where
 *                    no mount matched and there is no root (the access log's {@code mount} then is null too)
 * @param pathPrefix  {@code prefix} as PATH_INFO holds it ({@link MountPrefix#pathForm})
 * @param applications what serves the mount, swappable (SPEC.md §6.10)
 * @param executor    where it runs; the mount's own
 * @param settings    what the mount was given (its request timeout is in {@code executor} already)
 */
public record ActiveMount(String prefix, String pathPrefix, ApplicationSlot applications, AppExecutor executor,
                          MountSettings settings) {

    /** How log lines name this mount's executor: the root's is the server's application executor. */
    public String executorName() {
        return prefix == null || prefix.isEmpty() ? "application executor" : "executor of mount " + prefix;
    }

    /**
     * Tells the application whether its mount's executor may call it from several threads at once
     * ({@code wsgi.multithread}: false for a {@code single} mount, SPEC.md §6.3), and moves the prefix from the front of the environ's PATH_INFO to the end of its SCRIPT_NAME, as core's
     * {@code UrlMap} does (SPEC.md §3.5): SCRIPT_NAME keeps what a trusted proxy's {@code X-Forwarded-Prefix} put
     * there, and PATH_INFO is {@code ""} for the prefix itself. {@code environ} is the one just built for a request
     * this mount was {@linkplain MountTable#select selected} for, so its PATH_INFO starts with the prefix.
     */
    public void shift(Map<String, Object> environ) {
        ExecutorKind own = settings.executor();
        if (own != null) { // else the server's executor, whose wsgi.multithread the environ builder already set
            environ.put(Environ.WSGI_MULTITHREAD, own != ExecutorKind.SINGLE);
        }
        String path = Environ.pathInfo(environ);
        if (!pathPrefix.isEmpty() && MountPrefix.matches(pathPrefix, path)) {
            environ.put(Environ.SCRIPT_NAME, Environ.scriptName(environ) + pathPrefix);
            environ.put(Environ.PATH_INFO, path.substring(pathPrefix.length()));
        }
    }
}
