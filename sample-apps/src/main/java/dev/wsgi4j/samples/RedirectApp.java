package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.QueryString;
import dev.wsgi4j.http.RequestUri;
import dev.wsgi4j.http.Responses;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers 302 with an absolute Location rebuilt from environ (PEP 3333 URL reconstruction): to the index of the site
 * it is mounted in, or to the local path in {@code ?to=}; a target that could leave this host is refused with 400.
 */
public final class RedirectApp implements Application {

    private final String mount;

    /** Redirects to its own SCRIPT_NAME: for use alone, mounted nowhere. */
    public RedirectApp() {
        this("");
    }

    /** @param mount where the enclosing site mounts this app (e.g. {@code /redirect}); the index is above it */
    public RedirectApp(String mount) {
        this.mount = Environ.encode(mount);
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
        String to = QueryString.parse(Environ.queryString(environ)).first("to");
        if (to == null) {
            return Responses.redirect(environ, siteIndex(environ), 302).send(startResponse);
        }
        Optional<String> local = LocalPath.encode(to);
        if (local.isEmpty()) {
            return Responses.status(400, "400 Bad Request\n'to' must be a path on this site, starting with one '/'\n")
                    .send(startResponse);
        }
        return Responses.redirect(environ, origin(environ) + local.get(), 302).send(startResponse);
    }

    /** The site's URL, ending in "/": SCRIPT_NAME without this app's mount, e.g. {@code /demo/redirect -> /demo/}. */
    private String siteIndex(Map<String, Object> environ) {
        String scriptName = Environ.scriptName(environ);
        if (scriptName.endsWith(mount)) {
            scriptName = scriptName.substring(0, scriptName.length() - mount.length());
        }
        String url = RequestUri.applicationUri(withScriptName(environ, scriptName));
        return url.endsWith("/") ? url : url + "/";
    }

    /** {@code scheme://host[:port]}, from the Host header or SERVER_NAME and SERVER_PORT. */
    private static String origin(Map<String, Object> environ) {
        String root = RequestUri.applicationUri(withScriptName(environ, ""));
        return root.substring(0, root.length() - 1);
    }

    private static Map<String, Object> withScriptName(Map<String, Object> environ, String scriptName) {
        Map<String, Object> copy = new HashMap<>(environ);
        copy.put(Environ.SCRIPT_NAME, scriptName);
        return copy;
    }
}
