package dev.wsgi4j.netty.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --forwarded-allow-ips}: addresses and CIDR networks of both families, {@code *}, and the empty list. */
class TrustedProxiesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDefaultTrustsExactlyTheTwoLoopbackAddresses() {
        TrustedProxies loopback = TrustedProxies.LOOPBACK;

        assertThat(loopback.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(loopback.trusts(ip("::1"))).isTrue();
        assertThat(loopback.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(loopback.trusts(ip("10.0.0.1"))).isFalse();
        assertThat(loopback).hasToString("127.0.0.1,::1");
    }

    @Test
    void networksMatchTheirWholeRangeInEitherFamily() {
        TrustedProxies trusted = TrustedProxies.parse(" 10.0.0.0/8 , 192.0.2.7, 2001:db8::/32 ");

        assertThat(trusted.trusts(ip("10.200.3.4"))).isTrue();
        assertThat(trusted.trusts(ip("11.0.0.1"))).isFalse();
        assertThat(trusted.trusts(ip("192.0.2.7"))).isTrue();
        assertThat(trusted.trusts(ip("192.0.2.8"))).isFalse();
        assertThat(trusted.trusts(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(trusted.trusts(ip("2001:db9::1"))).isFalse();
        assertThat(trusted.trusts(new InetSocketAddress(ip("10.1.1.1"), 80))).isTrue();
        assertThat(trusted).hasToString("10.0.0.0/8,192.0.2.7,2001:db8::/32");
    }

    @Test
    void aStarTrustsEveryPeerAndAnEmptyListNone() {
        assertThat(TrustedProxies.parse("*").trusts(ip("203.0.113.9"))).isTrue();
        assertThat(TrustedProxies.parse("").trusts(ip("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse(" , ").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("")).hasToString("''");
        assertThat(TrustedProxies.NOBODY.trusts(new InetSocketAddress(ip("127.0.0.1"), 1))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/33", "::1/129", "10.0.0.1/", "10.0.0.1/x",
        "10.0.0", "1.2.3.4.5", "10.0.0.1/-1", "**"})
    void anEntryThatIsNoAddressOrNetworkIsRefusedByName(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1," + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'");
    }

    @Test
    void literalsAreReadWithoutLookingAnyNameUp() {
        assertThat(TrustedProxies.LOOPBACK.literal("203.0.113.9")).isEqualTo(ip("203.0.113.9"));
        assertThat(TrustedProxies.LOOPBACK.literal("2001:db8::1")).isEqualTo(ip("2001:db8::1"));
        assertThat(TrustedProxies.LOOPBACK.literal("localhost")).isNull();
        assertThat(TrustedProxies.LOOPBACK.literal("unknown")).isNull();
        assertThat(TrustedProxies.LOOPBACK.literal("_hidden")).isNull();
    }
}
