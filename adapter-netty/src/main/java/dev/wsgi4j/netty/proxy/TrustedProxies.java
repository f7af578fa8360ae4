package dev.wsgi4j.netty.proxy;

import dev.wsgi4j.gateway.ProxyTrust;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers {@code --forwarded-allow-ips} names (SECURITY.md, "Behind a proxy"): IPv4 and IPv6 addresses and CIDR
 * networks, or {@code *} for every peer. Only their forwarding headers and PROXY headers are believed. Addresses are
 * parsed as literals, never looked up. Immutable and thread-safe.
 */
public final class TrustedProxies implements ProxyTrust {

    /** gunicorn's default: the loopback addresses, so a proxy on the same host works out of the box. */
    public static final TrustedProxies LOOPBACK = parse("127.0.0.1,::1");
    /** Trusts no peer. */
    public static final TrustedProxies NOBODY = parse("");

    private final String spec;
    private final boolean everyone;
    private final IpSubnetFilterRule[] networks;

    private TrustedProxies(String spec, boolean everyone, IpSubnetFilterRule[] networks) {
        this.spec = spec;
        this.everyone = everyone;
        this.networks = networks;
    }

    /**
     * Reads a comma-separated list of {@code ADDRESS} and {@code ADDRESS/PREFIX} entries, or {@code *}; blank
     * entries are skipped, so an empty list trusts nobody.
     *
     * @throws IllegalArgumentException naming the first entry that is no address or network
     */
    public static TrustedProxies parse(String list) {
        List<IpSubnetFilterRule> networks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        boolean everyone = false;
        for (String raw : list.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                everyone = true;
            } else {
                networks.add(network(entry));
            }
            entries.add(entry);
        }
        return new TrustedProxies(String.join(",", entries), everyone,
                networks.toArray(new IpSubnetFilterRule[0]));
    }

    private static IpSubnetFilterRule network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(address);
        if (ip == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR network");
        }
        int bits = ip.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = entry.substring(slash + 1);
            prefix = digits.matches("[0-9]{1,3}") ? Integer.parseInt(digits) : -1;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0 to " + bits);
            }
        }
        return new IpSubnetFilterRule(ip, prefix, IpFilterRuleType.ACCEPT);
    }

    /** True when no peer is trusted. */
    public boolean isEmpty() {
        return !everyone && networks.length == 0;
    }

    @Override
    public boolean trusts(InetAddress peer) {
        if (everyone) {
            return true;
        }
        if (networks.length == 0 || peer == null) {
            return false;
        }
        InetSocketAddress address = new InetSocketAddress(peer, 0);
        for (IpSubnetFilterRule network : networks) {
            if (network.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Peers on a Unix domain socket are trusted unless nobody is ({@code --forwarded-allow-ips ''}): they are on this
     * host, let in by the socket file's permissions (gunicorn trusts them always).
     */
    @Override
    public boolean trustsLocalSockets() {
        return !isEmpty();
    }

    /** Whether {@code peer}, a channel's remote address, is trusted: an IP socket's by the list, a Unix socket's above. */
    public boolean trusts(SocketAddress peer) {
        return trustsPeer(peer instanceof InetSocketAddress inet ? inet : null, isLocalSocket(peer));
    }

    /** Whether {@code address} is a Unix domain socket's, as Netty's native transports or the JDK's NIO give it. */
    public static boolean isLocalSocket(SocketAddress address) {
        return address instanceof io.netty.channel.unix.DomainSocketAddress
                || address instanceof java.net.UnixDomainSocketAddress;
    }

    @Override
    public InetAddress literal(String text) {
        return NetUtil.createInetAddressFromIpAddressString(text);
    }

    /** The entries as given, for {@code --check-config}; {@code ''} when nobody is trusted. */
    @Override
    public String toString() {
        return spec.isEmpty() ? "''" : spec;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedProxies other && other.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }
}
