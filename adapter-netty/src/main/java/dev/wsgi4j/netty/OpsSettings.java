package dev.wsgi4j.netty;

/**
 * The answers a server gives on its own at fixed paths, for the machines that run it: a health check for a load
 * balancer or an orchestrator, and metrics in the Prometheus text format. {@link ServerConfig#ops()} is null when
 * there are none; every part is off unless given.
 *
 * @param healthPath  a path answered {@code 200 ok}, or {@code 503 stopping} once the server has begun to stop,
 *                    without calling the application; null for none
 * @param metricsPath the path metrics are served at (Prometheus text format); null for no metrics, unless
 *                    {@code metricsHost} is given, which makes it {@link #DEFAULT_METRICS_PATH}
 * @param metricsHost serve metrics only on a listener of their own at this address, so that the application's port
 *                    does not expose them; null to serve them on the application's port
 * @param metricsPort that listener's port (0 picks a free one); ignored without {@code metricsHost}
 */
public record OpsSettings(String healthPath, String metricsPath, String metricsHost, int metricsPort) {

    /** Where metrics are served when a metrics listener is given without a path. */
    public static final String DEFAULT_METRICS_PATH = "/metrics";

    public OpsSettings {
        requirePath("healthPath", healthPath);
        if (metricsPath == null && metricsHost != null) {
            metricsPath = DEFAULT_METRICS_PATH;
        }
        requirePath("metricsPath", metricsPath);
        if (metricsHost != null && metricsHost.isEmpty()) {
            throw new IllegalArgumentException("metricsHost must not be empty");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort must be in 0..65535: " + metricsPort);
        }
        if (healthPath != null && healthPath.equals(metricsPath) && metricsHost == null) {
            throw new IllegalArgumentException("healthPath and metricsPath are both " + healthPath);
        }
    }

    /** A health check at {@code path}, nothing else. */
    public static OpsSettings health(String path) {
        return new OpsSettings(path, null, null, 0);
    }

    /** Whether the server collects and serves metrics. */
    public boolean metricsEnabled() {
        return metricsPath != null;
    }

    /** Whether metrics are served on a listener of their own rather than on the application's port. */
    public boolean separateMetricsListener() {
        return metricsHost != null;
    }

    /** A path the server answers itself: absolute, without query, fragment or spaces (compared byte for byte). */
    private static void requirePath(String name, String path) {
        if (path == null) {
            return;
        }
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '?' || c == '#')) {
            throw new IllegalArgumentException(name + " must be an absolute path such as /healthz, without query, "
                    + "spaces or non-ASCII characters: " + path);
        }
    }
}
