package dev.wsgi4j.http;

/** Escaping for text placed in HTML, so request data echoed in a page cannot inject markup. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code & < > " '} (as Python's {@code html.escape}), which makes text safe in element content and
     * in quoted attribute values alike.
     */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#x27;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
