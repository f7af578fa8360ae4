package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a deployment, rather than the request, puts into every environ (SPEC.md §3.13): the name/value pairs a
 * deployer adds (PEP 3333, "Application Configuration"; {@code wsgi4j-server --environ NAME=VALUE}) and whether the
 * application may be called on several threads at once ({@code wsgi.multithread}, false with a single-threaded
 * executor, as PEP 3333's "Thread Support" asks servers to offer).
 *
 * <p>A deployer pair never stands in for a key the server sets: the CGI keys of SPEC.md §3, every {@code HTTP_*}
 * key, and the {@code wsgi.} and {@code wsgi4j.} prefixes are refused here, at configuration, so the mistake shows
 * at start rather than as an environ that differs from request to request.
 *
 * @param pairs       the deployer's pairs, in the order given; values are native strings (SPEC.md §2)
 * @param multithread the value of {@code wsgi.multithread}
 */
public record DeploymentEnviron(Map<String, String> pairs, boolean multithread) {

    /** No deployer pairs; the application may be called concurrently. */
    public static final DeploymentEnviron DEFAULTS = new DeploymentEnviron(Map.of(), true);

    /** A name as shells and CGI name variables: a letter or underscore, then letters, digits, {@code _ . -}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    /** The keys of SPEC.md §3's table that carry no prefix: the server's, whether or not a request has them. */
    private static final Set<String> SERVER_KEYS = Set.of(Environ.REQUEST_METHOD, Environ.SCRIPT_NAME,
            Environ.PATH_INFO, Environ.QUERY_STRING, Environ.CONTENT_TYPE, Environ.CONTENT_LENGTH,
            Environ.SERVER_NAME, Environ.SERVER_PORT, Environ.SERVER_PROTOCOL, Environ.REMOTE_ADDR,
            Environ.REMOTE_PORT, Environ.RAW_URI);

    public DeploymentEnviron {
        Objects.requireNonNull(pairs, "pairs");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            copy.put(checkName(e.getKey()), checkValue(e.getKey(), e.getValue()));
        }
        pairs = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Why {@code name} cannot be a deployer's key, or null when it can.
     */
    public static String refusal(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "'" + name + "' is not an environ name (a letter or _, then letters, digits, _ . -)";
        }
        if (SERVER_KEYS.contains(name) || name.startsWith("HTTP_")) {
            return name + " is set by the server from the request; a deployer cannot set it";
        }
        if (name.startsWith("wsgi.") || name.startsWith(EnvironBuilder.SERVER_KEY_PREFIX)) {
            return name + ": the wsgi. and " + EnvironBuilder.SERVER_KEY_PREFIX
                    + " prefixes are the server's; a deployer cannot set them";
        }
        return null;
    }

    private static String checkName(String name) {
        String refusal = refusal(name);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        return name;
    }

    private static String checkValue(String name, String value) {
        Objects.requireNonNull(value, name);
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(name + "'s value has a character above U+00FF at index " + i
                        + "; environ values are native strings, one character per byte (SPEC.md §2)");
            }
        }
        return value;
    }
}
