package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ListenAddress;
import dev.wsgi4j.netty.OpsSettings;
import picocli.CommandLine.Option;

/**
 * The health check and metrics options of {@code wsgi4j-server}; a mixin of {@link ServerOptions}, mapped to
 * {@link dev.wsgi4j.netty.ServerConfig#ops()} by {@link #toConfig()}.
 */
public final class OpsOptions {

    @Option(names = "--health-path", paramLabel = "PATH",
            description = {"Answer GET and HEAD at PATH (like /healthz) with 200 ok, or 503 stopping once a stop "
                    + "began, without calling APP: a readiness check for a load balancer or Kubernetes; off unless "
                    + "given.", "The path is matched exactly, the query ignored; other methods are answered 405."})
    String healthPath;

    @Option(names = "--metrics-path", paramLabel = "PATH",
            description = {"Serve metrics in the Prometheus text format at PATH (like /metrics): requests by method "
                    + "and status class with their durations, requests in flight, the executor queue, the "
                    + "server's own 503s, open connections, bytes in and out, and the JVM's memory, GC, threads "
                    + "and CPU; off unless given.",
                    "Without --metrics-bind on the application's port, before APP is called."})
    String metricsPath;

    @Option(names = "--metrics-bind", paramLabel = "HOST:PORT",
            description = "Serve metrics only on a listener of their own at HOST:PORT, so that the application's "
                    + "port does not expose them (at --metrics-path, /metrics unless given).")
    String metricsBind;

    /**
     * The settings, or null when no option is given.
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    OpsSettings toConfig() {
        if (healthPath == null && metricsPath == null && metricsBind == null) {
            return null;
        }
        ListenAddress bind = null;
        if (metricsBind != null) {
            try {
                bind = ListenAddress.parse(metricsBind);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--metrics-bind: " + e.getMessage(), e);
            }
            if (bind.isUnix()) {
                throw new IllegalArgumentException("--metrics-bind takes HOST:PORT, not a Unix socket: " + metricsBind);
            }
        }
        try {
            return new OpsSettings(healthPath, metricsPath, bind == null ? null : bind.host(),
                    bind == null ? 0 : bind.port());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^healthPath and metricsPath",
                    "--health-path and --metrics-path").replaceFirst("^healthPath", "--health-path")
                    .replaceFirst("^metricsPath", "--metrics-path"), e);
        }
    }

    /** What {@code --check-config} prints for {@code ops}. */
    static String describe(OpsSettings ops) {
        String health = ops == null || ops.healthPath() == null ? "off" : ops.healthPath();
        String metrics = ops == null || !ops.metricsEnabled() ? "off"
                : ops.metricsPath() + (ops.separateMetricsListener()
                        ? " on " + ListenAddress.tcp(ops.metricsHost(), ops.metricsPort()) + " only"
                        : " on the application's port");
        return "health-path: " + health + ", metrics: " + metrics;
    }
}
