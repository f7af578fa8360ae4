package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;

/**
 * What {@code --check-config} prints: the application found (null when only {@code --mount}s serve) and the settings
 * it would be served with; {@link MountOptions#describe} adds the mounts.
 */
final class ConfigReport {

    private ConfigReport() {
    }

    static String describe(String app, Application application, ServerConfig c, ServerOptions options,
                           String classpath) {
        String nl = System.lineSeparator();
        return (application == null ? "application: none at the root (a path no mount covers gets 404)" + nl
                : "application: " + app + " (an instance of " + application.getClass().getName() + ")" + nl)
                + (classpath == null ? "" : "classpath: " + classpath + nl)
                + "bind: " + c.listenAddresses().stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + nl
                + "executor: " + OptionValues.name(c.executor())
                + (c.executor() == ExecutorKind.POOL ? ", threads: " + c.workerThreads() : "")
                + ", io-threads: " + c.eventLoops() + nl
                + "keep-alive: " + OptionValues.format(c.idleTimeout())
                + ", graceful-timeout: " + OptionValues.format(options.gracefulTimeout()) + nl
                + "limit-request-line: " + c.maxRequestLineLength()
                + ", limit-request-fields: " + c.maxHeaderCount()
                + ", limit-request-field-size: " + c.maxHeaderFieldSize()
                + " (whole head: " + c.maxHeaderBlockSize() + ")" + nl
                + "max-body: " + c.maxBodySize() + nl
                + "access-log: " + (c.accessLog() == null ? "off" : c.accessLog().target()
                        + ", format: " + c.accessLog().format()) + nl
                + "tls: " + TlsOptions.describe(c.tls()) + nl
                + OpsOptions.describe(c.ops()) + nl
                + ListenOptions.describe(c) + nl
                + TuningOptions.describe(c) + nl
                + "forwarded-allow-ips: " + ProxyOptions.describe(c.proxy()) + nl
                + "protocol: " + ProtocolOptions.describe(c.uwsgi()) + nl
                + Http2Options.describe(c.http2())
                // Names only: a deployer's values may be secrets.
                + (c.environ().isEmpty() ? "" : nl + "environ: " + String.join(", ", c.environ().keySet()));
    }
}
