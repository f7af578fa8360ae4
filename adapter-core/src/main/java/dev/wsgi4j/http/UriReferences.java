package dev.wsgi4j.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * RFC 3986 §5.2 reference resolution. {@link URI#resolve} follows the older RFC 2396, which resolves {@code ""}
 * and {@code ?q} to the base's directory and keeps {@code ..} segments above the root.
 */
final class UriReferences {

    private UriReferences() {
    }

    /**
     * @param origin    {@code scheme://authority} of the base
     * @param basePath  the base's path, already percent-encoded and starting with "/"
     * @param baseQuery the base's raw query, or null
     */
    static String resolve(String scheme, String origin, String basePath, String baseQuery, String reference) {
        URI ref;
        try {
            ref = new URI(new URI(reference).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI reference: " + e.getMessage(), e);
        }
        if (ref.getScheme() != null) {
            return ref.toASCIIString();
        }
        String prefix;
        String path;
        String query = ref.getRawQuery();
        String rawPath = ref.getRawPath() == null ? "" : ref.getRawPath();
        if (ref.getRawAuthority() != null) {
            prefix = scheme + "://" + ref.getRawAuthority();
            path = removeDotSegments(rawPath);
        } else {
            prefix = origin;
            if (rawPath.isEmpty()) {
                path = basePath;
                query = query != null ? query : baseQuery;
            } else if (rawPath.startsWith("/")) {
                path = removeDotSegments(rawPath);
            } else {
                path = removeDotSegments(basePath.substring(0, basePath.lastIndexOf('/') + 1) + rawPath);
            }
        }
        String fragment = ref.getRawFragment();
        return prefix + path + (query != null ? "?" + query : "") + (fragment != null ? "#" + fragment : "");
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        String in = path;
        StringBuilder out = new StringBuilder();
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../") || in.equals("/..")) {
                in = "/" + in.substring(in.equals("/..") ? 3 : 4);
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                String segment = next < 0 ? in : in.substring(0, next);
                out.append(segment);
                in = in.substring(segment.length());
            }
        }
        return out.toString();
    }
}
