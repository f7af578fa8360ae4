package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.FormData;
import dev.wsgi4j.http.FormFields;
import dev.wsgi4j.http.Html;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.middleware.Methods;

import java.util.Map;

/**
 * Shows the fields of a submitted HTML form as {@code key = value} rows: from the query string for GET, from the
 * urlencoded body for POST, repeated keys in the order sent. Every value is HTML-escaped: it is client input.
 */
public final class FormApp implements Application {

    private final Application methods = Methods.builder().get(FormApp::show).post(FormApp::show).build();

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return methods.call(environ, startResponse);
    }

    private static Iterable<byte[]> show(Map<String, Object> environ, StartResponse startResponse) {
        FormFields fields = FormData.parse(environ);
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Submitted form</title></head><body>\n<h1>Submitted form</h1>\n");
        if (fields.isEmpty()) {
            page.append("<p>No fields were submitted.</p>\n");
        } else {
            page.append("<ul id=\"fields\">\n");
            for (Map.Entry<String, String> field : fields.entries()) {
                page.append("<li>").append(Html.escape(field.getKey())).append(" = ")
                        .append(Html.escape(field.getValue())).append("</li>\n");
            }
            page.append("</ul>\n");
        }
        return Responses.html(page.append("</body></html>\n").toString()).send(startResponse);
    }
}
