package dev.wsgi4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/** Decodes client bytes as text, refusing invalid sequences instead of silently replacing them with U+FFFD. */
final class StrictText {

    private StrictText() {
    }

    /** @throws BadRequestException when the bytes are not valid in {@code charset}; {@code what} names them */
    static String decode(byte[] bytes, int length, Charset charset, String what) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(what + " is not valid " + charset.name(), e);
        }
    }
}
