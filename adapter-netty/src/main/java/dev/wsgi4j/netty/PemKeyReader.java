package dev.wsgi4j.netty;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * Reads an unencrypted PEM private key in any of the forms servers are given: PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * traditional RSA ({@code BEGIN RSA PRIVATE KEY}, PKCS#1) or EC ({@code BEGIN EC PRIVATE KEY}, SEC1). Netty's
 * {@code SslContextBuilder} reads only PKCS#8, so Bouncy Castle's PEM parser does the converting; this is its only
 * use in the server.
 */
final class PemKeyReader {

    private PemKeyReader() {
    }

    /** The first private key in {@code file}; an IOException that says what was found instead when there is none. */
    static PrivateKey read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    // Not getKeyPair: a SEC1 key may omit its public half, which that then needs.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IllegalArgumentException | org.bouncycastle.openssl.PEMException e) {
            throw new IOException("not a readable PEM private key (" + e.getMessage() + ")", e);
        }
        throw new IOException("no unencrypted PEM private key in the file");
    }
}
