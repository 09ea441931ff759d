package io.postmortemsync.postmortem.markdown;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A document's bytes as text. Only valid UTF-8 is accepted as text: decoding it and encoding it
 * again gives back the same bytes, which is what lets write-back promise that every byte outside
 * the changed cells stays identical. A leading byte order mark is kept aside (CommonMark would
 * otherwise read it as part of the first line) and restored on writing.
 */
sealed interface Decoded {

    @SuppressWarnings("MutablePublicArray") // package-private interface; read, never written
    byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Valid UTF-8; {@code text} excludes the byte order mark, {@code bom} says whether there was one. */
    record Text(String text, boolean bom) implements Decoded {

        byte[] encode(String newText) {
            byte[] body = newText.getBytes(StandardCharsets.UTF_8);
            if (!bom) {
                return body;
            }
            byte[] out = new byte[BOM.length + body.length];
            System.arraycopy(BOM, 0, out, 0, BOM.length);
            System.arraycopy(body, 0, out, BOM.length, body.length);
            return out;
        }
    }

    /** NUL bytes: not a text file at all. */
    record Binary() implements Decoded {}

    /** Not valid UTF-8; {@code line} is the 1-based line of the first bad byte. */
    record NotUtf8(int line) implements Decoded {}

    static Decoded of(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return new Binary();
            }
        }
        int start = hasBom(content) ? BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
        CharBuffer out = CharBuffer.allocate(content.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new NotUtf8(lineOfByte(content, in.position()));
        }
        result = decoder.flush(out);
        if (result.isError()) {
            return new NotUtf8(lineOfByte(content, content.length));
        }
        out.flip();
        return new Text(out.toString(), start > 0);
    }

    private static boolean hasBom(byte[] content) {
        return content.length >= 3 && content[0] == BOM[0] && content[1] == BOM[1] && content[2] == BOM[2];
    }

    private static int lineOfByte(byte[] content, int position) {
        int line = 1;
        for (int i = 0; i < position && i < content.length; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
