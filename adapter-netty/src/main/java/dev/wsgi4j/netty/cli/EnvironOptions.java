package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Environ;
import dev.wsgi4j.gateway.DeploymentEnviron;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --environ NAME=VALUE}: the name/value pairs a deployer adds to every environ (PEP 3333, "Application
 * Configuration"; SPEC.md §3.13); a mixin of {@link ServerOptions}, mapped to
 * {@link dev.wsgi4j.netty.ServerConfig#environ()} by {@link #toConfig()}.
 */
public final class EnvironOptions {

    @Option(names = "--environ", paramLabel = "NAME=VALUE",
            description = {"Add NAME with VALUE to every request's environ; repeat it for several pairs (in a "
                    + "--config file, one pair). The value is text, stored as its UTF-8 bytes one character each, "
                    + "as every environ string is (Environ.decode reads it back).",
                    "Names the server sets are refused: the CGI keys (REQUEST_METHOD, SERVER_NAME, REMOTE_ADDR...), "
                            + "HTTP_*, wsgi.* and wsgi4j.*."})
    List<String> environ = new ArrayList<>();

    /** @throws IllegalArgumentException naming the option and the pair at fault */
    Map<String, String> toConfig() {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : environ) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--environ NAME=VALUE: '" + pair + "' has no '='");
            }
            String name = pair.substring(0, eq);
            String refusal = DeploymentEnviron.refusal(name);
            if (refusal != null) {
                throw new IllegalArgumentException("--environ: " + refusal);
            }
            if (pairs.put(name, Environ.encode(pair.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("--environ " + name + " is given twice");
            }
        }
        return pairs;
    }
}
