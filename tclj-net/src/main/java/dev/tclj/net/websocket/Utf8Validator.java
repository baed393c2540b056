package dev.tclj.net.websocket;

/**
 * An incremental UTF-8 validator (RFC 3629, as RFC 6455 requires of text messages): bytes may come
 * in any number of pieces, split anywhere, so that a text message is checked fragment by fragment
 * and fails as soon as a byte cannot belong to valid UTF-8, not only at its end. Overlong forms,
 * surrogates (U+D800..U+DFFF) and code points above U+10FFFF are invalid.
 *
 * <p>State: the number of continuation bytes still expected and the range the next one must be
 * in (narrower than 80..BF right after E0, ED, F0 and F4, which is how overlongs, surrogates and
 * too-large code points are excluded).
 */
final class Utf8Validator {
    private int remaining;
    private int lo = 0x80, hi = 0xBF;

    /** Checks b[off, off+len). Returns false at the first invalid byte (the state is then undefined). */
    boolean update(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (remaining == 0) {
                // the common case: a run of ASCII
                while (i < end && b[i] >= 0) i++;
                if (i == end) return true;
                int c = b[i++] & 0xFF;
                if (c >= 0xC2 && c <= 0xDF) {
                    remaining = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    remaining = 2;
                    if (c == 0xE0) lo = 0xA0;
                    else if (c == 0xED) hi = 0x9F;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    remaining = 3;
                    if (c == 0xF0) lo = 0x90;
                    else if (c == 0xF4) hi = 0x8F;
                } else {
                    return false;
                }
            } else {
                int c = b[i++] & 0xFF;
                if (c < lo || c > hi) return false;
                remaining--;
                lo = 0x80;
                hi = 0xBF;
            }
        }
        return true;
    }

    /** Whether the bytes so far end on a character boundary (a message may end here). */
    boolean complete() { return remaining == 0; }

    void reset() {
        remaining = 0;
        lo = 0x80;
        hi = 0xBF;
    }

    /** Whether b[off, off+len) is valid UTF-8 on its own. */
    static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.update(b, off, len) && v.complete();
    }
}
