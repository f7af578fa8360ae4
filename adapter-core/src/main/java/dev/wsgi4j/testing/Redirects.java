package dev.wsgi4j.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Following redirects on the same application, as a browser would (Werkzeug's {@code follow_redirects}):
 * 301/302/303 turn any method but GET and HEAD into a bodiless GET, 307/308 repeat the request as it was.
 */
final class Redirects {

    static final int MAX_HOPS = 10;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Sends one request; the seam {@link TestClient} fills. */
    @FunctionalInterface
    interface Hop {
        TestResponse send(TestRequest request) throws IOException;
    }

    private Redirects() {
    }

    static TestResponse follow(TestRequest first, TestResponse firstResponse, Hop hop) throws IOException {
        TestRequest request = first;
        TestResponse response = firstResponse;
        for (int hops = 0; REDIRECTS.contains(response.status()) && response.header("Location") != null; hops++) {
            if (hops == MAX_HOPS) {
                response.close();
                throw new IOException("more than " + MAX_HOPS + " redirects, last to " + response.header("Location"));
            }
            request = next(request, response);
            response.close();
            response = hop.send(request);
        }
        return response;
    }

    /** The request a browser sends after {@code response} to {@code request}. */
    static TestRequest next(TestRequest request, TestResponse response) throws IOException {
        URI target;
        try {
            URI base = request.target().startsWith("/")
                    ? new URI(request.scheme() + "://" + (request.host() != null ? request.host() : "localhost")
                            + request.target())
                    : new URI(request.target());
            target = base.resolve(new URI(response.header("Location")));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("unusable Location header: " + response.header("Location"), e);
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        TestRequest.Builder next = request.toBuilder()
                .target(target.getRawQuery() == null ? path : path + "?" + target.getRawQuery());
        if (target.getScheme() != null) {
            next.scheme(target.getScheme());
        }
        if (target.getRawAuthority() != null) {
            next.host(target.getRawAuthority());
        }
        boolean keepMethod = response.status() == 307 || response.status() == 308
                || request.method().equals("GET") || request.method().equals("HEAD");
        if (!keepMethod) {
            next.method("GET").noBody();
        }
        return next.build();
    }
}
