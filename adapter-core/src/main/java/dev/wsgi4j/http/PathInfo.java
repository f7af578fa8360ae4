package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routing by path segments: {@link #shift} moves the first segment of PATH_INFO to SCRIPT_NAME, as
 * {@code wsgiref.util.shift_path_info} does, so a dispatcher can hand the rest of the path to a sub-application
 * that sees itself mounted where it is.
 */
public final class PathInfo {

    private PathInfo() {
    }

    /** The result of a shift: the environ to pass on, and the segment that moved, if any. */
    public record Shifted(Map<String, Object> environ, Optional<String> name) {
    }

    /**
     * Returns a copy of {@code environ} with one segment shifted; the original is not modified (wsgiref modifies
     * in place). The name is empty when PATH_INFO was empty (nothing changes) and, as in wsgiref, when the last
     * segment was {@code "."}; it is {@code ""} for a trailing slash, and SCRIPT_NAME then gains that slash.
     * Empty and {@code "."} segments before the last are dropped from the remaining PATH_INFO.
     */
    public static Shifted shift(Map<String, Object> environ) {
        Map<String, Object> copy = new HashMap<>(environ);
        String pathInfo = Environ.pathInfo(environ);
        if (pathInfo.isEmpty()) {
            return new Shifted(copy, Optional.empty());
        }
        List<String> parts = new ArrayList<>(Arrays.asList(pathInfo.split("/", -1)));
        if (parts.size() < 2) {
            // PATH_INFO without any "/": wsgiref fails with IndexError; there is no segment to move.
            throw new IllegalArgumentException("PATH_INFO must be empty or start with '/': " + pathInfo);
        }
        List<String> middle = parts.subList(1, parts.size() - 1);
        middle.removeIf(p -> p.isEmpty() || p.equals("."));
        String name = parts.remove(1);

        String scriptName = normpath(Environ.scriptName(environ) + "/" + name);
        if (scriptName.endsWith("/")) {
            scriptName = scriptName.substring(0, scriptName.length() - 1);
        }
        if (name.isEmpty() && !scriptName.endsWith("/")) {
            scriptName += "/";
        }
        copy.put(Environ.SCRIPT_NAME, scriptName);
        copy.put(Environ.PATH_INFO, String.join("/", parts));
        return new Shifted(copy, name.equals(".") ? Optional.empty() : Optional.of(name));
    }

    /** Python's {@code posixpath.normpath}, which shift_path_info relies on. */
    static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int slashes = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!part.equals("..") || (slashes == 0 && out.isEmpty()) || (!out.isEmpty() && out.peekLast().equals(".."))) {
                out.addLast(part);
            } else if (!out.isEmpty()) {
                out.removeLast();
            }
        }
        String joined = "/".repeat(slashes) + String.join("/", out);
        return joined.isEmpty() ? "." : joined;
    }
}
