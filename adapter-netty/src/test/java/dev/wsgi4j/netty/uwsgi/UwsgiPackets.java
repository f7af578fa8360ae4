package dev.wsgi4j.netty.uwsgi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds uwsgi request packets as nginx's uwsgi module writes them: header, vars, body. */
public final class UwsgiPackets {

    private UwsgiPackets() {
    }

    /** What nginx's uwsgi_params sends for {@code GET /path?q=1} from 192.0.2.7 to localhost:8080, plus Host. */
    public static Map<String, String> getVars() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("QUERY_STRING", "q=1");
        vars.put("REQUEST_METHOD", "GET");
        vars.put("CONTENT_TYPE", "");
        vars.put("CONTENT_LENGTH", "");
        vars.put("REQUEST_URI", "/path?q=1");
        vars.put("PATH_INFO", "/path");
        vars.put("DOCUMENT_ROOT", "/usr/share/nginx/html");
        vars.put("SERVER_PROTOCOL", "HTTP/1.1");
        vars.put("REQUEST_SCHEME", "http");
        vars.put("REMOTE_ADDR", "192.0.2.7");
        vars.put("REMOTE_PORT", "51234");
        vars.put("SERVER_PORT", "8080");
        vars.put("SERVER_NAME", "localhost");
        vars.put("HTTP_HOST", "localhost");
        vars.put("HTTP_USER_AGENT", "curl/7.88.1");
        return vars;
    }

    /** modifier1 0, the vars ISO-8859-1 encoded, modifier2 0, then {@code body}. */
    public static byte[] packet(Map<String, String> vars, byte[] body) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (Map.Entry<String, String> var : vars.entrySet()) {
            string(block, var.getKey());
            string(block, var.getValue());
        }
        return packet(0, block.toByteArray(), body);
    }

    static byte[] packet(int modifier1, byte[] varsBlock, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(modifier1);
        out.write(varsBlock.length & 0xff);
        out.write(varsBlock.length >>> 8);
        out.write(0);
        out.writeBytes(varsBlock);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes.length & 0xff);
        out.write(bytes.length >>> 8);
        out.writeBytes(bytes);
    }
}
