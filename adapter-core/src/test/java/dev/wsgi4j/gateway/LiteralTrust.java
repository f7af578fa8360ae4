package dev.wsgi4j.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link ProxyTrust} for core's tests, which have no Netty: trusts exactly the addresses given, and reads only
 * dotted-quad IPv4 and IPv6 literals (an IPv6 one bracketed for the JDK, which then never asks DNS).
 */
final class LiteralTrust implements ProxyTrust {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<InetAddress> trusted;

    LiteralTrust(String... addresses) {
        this.trusted = Set.of(addresses).stream().map(LiteralTrust::parse).collect(Collectors.toSet());
    }

    @Override
    public boolean trusts(InetAddress peer) {
        return trusted.contains(peer);
    }

    @Override
    public InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text.indexOf(':') >= 0 ? "[" + text + "]" : text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress parse(String text) {
        InetAddress address = new LiteralTrust().literal(text);
        if (address == null) {
            throw new AssertionError("not a literal: " + text);
        }
        return address;
    }
}
