package dev.wsgi4j.netty.proxy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers written from the HAProxy specification's layout, not with Netty's encoder. */
public final class ProxyHeaders {

    /** The 12-byte v2 signature. */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** {@code PROXY TCP4|TCP6 src dst sport dport\r\n}. */
    public static byte[] v1(String source, int sourcePort, String destination, int destinationPort) {
        String family = source.indexOf(':') >= 0 ? "TCP6" : "TCP4";
        return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " " + destinationPort
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 {@code PROXY} command over TCP, IPv4 or IPv6 by the addresses' kind. */
    public static byte[] v2(String source, int sourcePort, String destination, int destinationPort) {
        byte[] src = address(source);
        byte[] dst = address(destination);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(0x21); // version 2, command PROXY
        out.write(src.length == 4 ? 0x11 : 0x21); // AF_INET or AF_INET6, STREAM
        int length = src.length * 2 + 4;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(src);
        out.writeBytes(dst);
        out.write(sourcePort >> 8);
        out.write(sourcePort & 0xFF);
        out.write(destinationPort >> 8);
        out.write(destinationPort & 0xFF);
        return out.toByteArray();
    }

    /** A v2 {@code LOCAL} command (the proxy's own connection, such as a health check), no addresses. */
    public static byte[] v2Local() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(0x20);
        out.write(0x00);
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
