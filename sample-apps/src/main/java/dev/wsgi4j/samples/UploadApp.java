package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Multipart;
import dev.wsgi4j.http.MultipartForm;
import dev.wsgi4j.http.MultipartLimits;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.http.UploadedFile;
import dev.wsgi4j.middleware.Methods;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a multipart/form-data upload and answers with what arrived, as JSON: the text fields, and per file its field,
 * name, size, SHA-256 and type. Files stream to temp files and are hashed from disk, so memory stays bounded.
 */
public final class UploadApp implements Application {

    static final long MAX_UPLOAD = 1L << 30;
    private static final MultipartLimits LIMITS =
            MultipartLimits.DEFAULTS.withMaxFileSize(MAX_UPLOAD).withMaxTotalSize(MAX_UPLOAD);

    private final Path directory;

    /** @param directory where uploaded files wait while the request is handled; deleted before it ends */
    public UploadApp(Path directory) {
        this.directory = directory;
    }

    private final Application methods = Methods.builder().post(this::upload).build();

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return methods.call(environ, startResponse);
    }

    private Iterable<byte[]> upload(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        try (MultipartForm form = Multipart.parse(environ, LIMITS, directory)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            form.fields().names().forEach(name -> fields.put(name, form.fields().all(name)));
            List<Object> files = new ArrayList<>();
            for (UploadedFile file : form.files()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("field", file.fieldName());
                shown.put("filename", file.filename());
                shown.put("size", file.size());
                shown.put("sha256", sha256(file));
                shown.put("content_type", file.contentType());
                files.add(shown);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("fields", fields);
            answer.put("files", files);
            return Responses.json(Json.write(answer)).send(startResponse);
        }
    }

    private static String sha256(UploadedFile file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.open()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
