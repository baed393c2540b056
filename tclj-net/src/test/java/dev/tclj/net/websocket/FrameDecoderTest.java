package dev.tclj.net.websocket;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiving rules of RFC 6455 on the decoder alone: frames built by hand (or by the
 * encoder) go in, in pieces of every size, and what comes out is checked, including each rule
 * whose breach fails the connection and the Close code it fails with.
 */
class FrameDecoderTest {
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    /** A frame as a peer would send it: b0 is FIN|RSV|opcode, masked with MASK if mask. */
    static byte[] frame(int b0, boolean mask, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int len = payload.length;
        int m = mask ? 0x80 : 0;
        if (len < 126) {
            out.write(m | len);
        } else if (len < 65536) {
            out.write(m | 126);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(m | 127);
            for (int i = 7; i >= 0; i--) out.write((int) ((long) len >> (8 * i)));
        }
        if (mask) out.writeBytes(MASK);
        for (int i = 0; i < len; i++) out.write(mask ? payload[i] ^ MASK[i & 3] : payload[i]);
        return out.toByteArray();
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Feeds bytes in chunks of size step and collects every event. */
    static List<FrameDecoder.Event> decode(FrameDecoder d, byte[] bytes, int step) {
        List<FrameDecoder.Event> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += step) {
            d.feed(bytes, i, Math.min(step, bytes.length - i));
            FrameDecoder.Event e;
            while ((e = d.next()) != null) out.add(e);
        }
        return out;
    }

    static FrameDecoder server() { return new FrameDecoder(true, 1 << 20); }

    static FrameDecoder client() { return new FrameDecoder(false, 1 << 20); }

    private static FrameDecoder.Event only(List<FrameDecoder.Event> l) {
        assertThat(l).hasSize(1);
        return l.get(0);
    }

    private static void failsWith(FrameDecoder d, byte[] bytes, int code) {
        List<FrameDecoder.Event> l = decode(d, bytes, bytes.length);
        assertThat(l).isNotEmpty();
        FrameDecoder.Event last = l.get(l.size() - 1);
        assertThat(last.kind()).isEqualTo(FrameDecoder.Kind.FAIL);
        assertThat(last.code()).isEqualTo(code);
    }

    // ---- messages

    @Test
    void maskedTextFromClientInEveryChunking() {
        byte[] f = frame(0x81, true, utf8("héllo wörld €𝄞"));
        for (int step = 1; step <= f.length; step++) {
            FrameDecoder.Event e = only(decode(server(), f, step));
            assertThat(e.kind()).isEqualTo(FrameDecoder.Kind.TEXT);
            assertThat(e.text()).isEqualTo("héllo wörld €𝄞");
        }
    }

    @Test
    void unmaskedBinaryFromServer() {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        FrameDecoder.Event e = only(decode(client(), frame(0x82, false, payload), 7));
        assertThat(e.kind()).isEqualTo(FrameDecoder.Kind.BINARY);
        assertThat(e.data()).isEqualTo(payload);
    }

    @Test
    void lengthsOf16And64Bits() {
        for (int n : new int[] {125, 126, 65535, 65536, 200000}) {
            byte[] payload = new byte[n];
            payload[n - 1] = 42;
            FrameDecoder.Event e = only(decode(server(), frame(0x82, true, payload), 4096));
            assertThat(e.data()).hasSize(n).endsWith(42);
        }
    }

    @Test
    void fragmentsWithControlFramesBetween() {
        byte[] bytes = concat(
                frame(0x01, true, utf8("frag")),
                frame(0x89, true, utf8("ping!")),
                frame(0x00, true, utf8("men")),
                frame(0x8A, true, new byte[0]),
                frame(0x80, true, utf8("ted")));
        List<FrameDecoder.Event> l = decode(server(), bytes, 5);
        assertThat(l).extracting(FrameDecoder.Event::kind)
                .containsExactly(FrameDecoder.Kind.PING, FrameDecoder.Kind.PONG, FrameDecoder.Kind.TEXT);
        assertThat(new String(l.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("ping!");
        assertThat(l.get(2).text()).isEqualTo("fragmented");
    }

    @Test
    void utf8CharacterSplitAcrossFragments() {
        byte[] euro = utf8("€");
        byte[] bytes = concat(frame(0x01, true, new byte[] {euro[0]}), frame(0x80, true, new byte[] {euro[1], euro[2]}));
        assertThat(only(decode(server(), bytes, 1)).text()).isEqualTo("€");
    }

    @Test
    void emptyMessages() {
        List<FrameDecoder.Event> l = decode(server(), concat(frame(0x81, true, new byte[0]), frame(0x82, true, new byte[0])), 1);
        assertThat(l).extracting(FrameDecoder.Event::kind).containsExactly(FrameDecoder.Kind.TEXT, FrameDecoder.Kind.BINARY);
        assertThat(l.get(0).data()).isEmpty();
    }

    @Test
    void closeWithCodeAndReasonThenNothingMore() {
        FrameDecoder d = server();
        byte[] bytes = concat(frame(0x88, true, concat(new byte[] {0x03, (byte) 0xE8}, utf8("bye"))), frame(0x81, true, utf8("late")));
        FrameDecoder.Event e = only(decode(d, bytes, 3));
        assertThat(e.kind()).isEqualTo(FrameDecoder.Kind.CLOSE);
        assertThat(e.code()).isEqualTo(1000);
        assertThat(e.reason()).isEqualTo("bye");
        assertThat(d.isDone()).isTrue();
    }

    @Test
    void closeWithoutCodeReportsNoStatus() {
        FrameDecoder.Event e = only(decode(server(), frame(0x88, true, new byte[0]), 1));
        assertThat(e.code()).isEqualTo(CloseCodes.NO_STATUS);
    }

    @Test
    void applicationCloseCodesAreValid() {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999}) {
            FrameDecoder.Event e = only(decode(server(), frame(0x88, true, new byte[] {(byte) (code >> 8), (byte) code}), 2));
            assertThat(e.kind()).as("code %d", code).isEqualTo(FrameDecoder.Kind.CLOSE);
            assertThat(e.code()).isEqualTo(code);
        }
    }

    // ---- failures: 1002

    @Test
    void unmaskedFrameFromClientFails1002() {
        failsWith(server(), frame(0x81, false, utf8("hi")), 1002);
    }

    @Test
    void maskedFrameFromServerFails1002() {
        failsWith(client(), frame(0x81, true, utf8("hi")), 1002);
    }

    @Test
    void reservedBitsFail1002() {
        failsWith(server(), frame(0x81 | 0x20, true, utf8("hi")), 1002);
        failsWith(server(), frame(0x81 | 0x10, true, utf8("hi")), 1002);
        // RSV1 without permessage-deflate
        failsWith(server(), frame(0x81 | 0x40, true, utf8("hi")), 1002);
    }

    @Test
    void reservedOpcodesFail1002() {
        for (int op : new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) failsWith(server(), frame(0x80 | op, true, new byte[0]), 1002);
    }

    @Test
    void fragmentedControlFrameFails1002() {
        failsWith(server(), frame(0x09, true, utf8("ping")), 1002);
    }

    @Test
    void controlFrameLongerThan125Fails1002() {
        failsWith(server(), frame(0x89, true, new byte[126]), 1002);
    }

    @Test
    void continuationWithNoMessageOpenFails1002() {
        failsWith(server(), frame(0x80, true, utf8("orphan")), 1002);
    }

    @Test
    void dataFrameInsideFragmentedMessageFails1002() {
        failsWith(server(), concat(frame(0x01, true, utf8("one")), frame(0x81, true, utf8("two"))), 1002);
        failsWith(server(), concat(frame(0x02, true, utf8("one")), frame(0x82, true, utf8("two"))), 1002);
    }

    @Test
    void invalidCloseCodesFail1002() {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            failsWith(server(), frame(0x88, true, new byte[] {(byte) (code >> 8), (byte) code}), 1002);
        }
    }

    @Test
    void oneByteClosePayloadFails1002() {
        failsWith(server(), frame(0x88, true, new byte[] {3}), 1002);
    }

    @Test
    void lengthWithTopBitSetFails1002() {
        byte[] f = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        failsWith(server(), f, 1002);
    }

    // ---- failures: 1007

    @Test
    void invalidUtf8Fails1007() {
        failsWith(server(), frame(0x81, true, new byte[] {'a', (byte) 0xFF}), 1007);
        // overlong, surrogate, above U+10FFFF
        failsWith(server(), frame(0x81, true, new byte[] {(byte) 0xC0, (byte) 0xAF}), 1007);
        failsWith(server(), frame(0x81, true, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), 1007);
        failsWith(server(), frame(0x81, true, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), 1007);
    }

    @Test
    void invalidUtf8FailsInTheFirstFragmentBeforeTheMessageEnds() {
        List<FrameDecoder.Event> l = decode(server(), frame(0x01, true, new byte[] {'o', 'k', (byte) 0xC3, 0x28}), 100);
        assertThat(only(l).code()).isEqualTo(1007);
    }

    @Test
    void invalidUtf8FailsBeforeTheFrameIsComplete() {
        byte[] f = frame(0x81, true, concat(new byte[] {(byte) 0xFE}, new byte[1000]));
        FrameDecoder d = server();
        // header, mask and the first payload byte only
        List<FrameDecoder.Event> l = decode(d, java.util.Arrays.copyOf(f, 2 + 2 + 4 + 1), 100);
        assertThat(only(l).code()).isEqualTo(1007);
    }

    @Test
    void truncatedCharacterAtMessageEndFails1007() {
        byte[] euro = utf8("€");
        failsWith(server(), frame(0x81, true, new byte[] {euro[0], euro[1]}), 1007);
    }

    @Test
    void invalidUtf8InCloseReasonFails1007() {
        failsWith(server(), frame(0x88, true, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF}), 1007);
    }

    // ---- failures: 1009

    @Test
    void messageOverTheLimitFails1009AtTheHeader() {
        FrameDecoder d = new FrameDecoder(true, 100);
        byte[] f = frame(0x82, true, new byte[101]);
        // only the header: the size is known before the payload comes
        List<FrameDecoder.Event> l = decode(d, java.util.Arrays.copyOf(f, 8), 8);
        assertThat(only(l).code()).isEqualTo(1009);
    }

    @Test
    void fragmentsAddingUpOverTheLimitFail1009() {
        FrameDecoder d = new FrameDecoder(true, 100);
        failsWith(d, concat(frame(0x02, true, new byte[60]), frame(0x80, true, new byte[60])), 1009);
    }

    @Test
    void messageAtTheLimitIsFine() {
        FrameDecoder d = new FrameDecoder(true, 100);
        assertThat(only(decode(d, frame(0x82, true, new byte[100]), 10)).kind()).isEqualTo(FrameDecoder.Kind.BINARY);
    }

    // ---- after a failure

    @Test
    void afterFailureOnlyThePeersCloseComesOut() {
        FrameDecoder d = server();
        byte[] bytes = concat(
                frame(0x81, false, utf8("unmasked")),
                frame(0x81, true, utf8("ignored")),
                frame(0x89, true, utf8("ignored too")),
                frame(0x88, true, new byte[] {0x03, (byte) 0xEA}));
        List<FrameDecoder.Event> l = decode(d, bytes, 3);
        assertThat(l).extracting(FrameDecoder.Event::kind).containsExactly(FrameDecoder.Kind.FAIL, FrameDecoder.Kind.CLOSE);
        assertThat(l.get(1).code()).isEqualTo(1002);
        assertThat(d.isDone()).isTrue();
    }

    @Test
    void afterTooBigTheRestOfTheMessageIsSkippedUnbuffered() {
        FrameDecoder d = new FrameDecoder(true, 1000);
        byte[] bytes = concat(frame(0x82, true, new byte[100000]), frame(0x88, true, new byte[] {0x03, (byte) 0xE8}));
        List<FrameDecoder.Event> l = decode(d, bytes, 4096);
        assertThat(l).extracting(FrameDecoder.Event::kind).containsExactly(FrameDecoder.Kind.FAIL, FrameDecoder.Kind.CLOSE);
        assertThat(d.buffered()).isZero();
    }

    // ---- a stalled peer

    @Test
    void aPartialFrameWaitsWithoutBlocking() {
        FrameDecoder d = server();
        byte[] f = frame(0x81, true, utf8("patience"));
        d.feed(f, 0, 5);
        assertThat(d.next()).isNull();
        d.feed(f, 5, f.length - 5);
        assertThat(d.next().text()).isEqualTo("patience");
    }

    // ---- permessage-deflate

    @Test
    void compressedMessagesFromEncoderFragmentedOrNot() {
        PerMessageDeflate tx = new PerMessageDeflate(false, false), rx = new PerMessageDeflate(false, false);
        FrameEncoder enc = new FrameEncoder(true);
        enc.setDeflate(tx);
        FrameDecoder dec = server();
        dec.setDeflate(rx);
        String text = "compress me ".repeat(100) + "€";
        byte[] whole = enc.data(FrameDecoder.TEXT, utf8(text), 0, utf8(text).length, true);
        assertThat(whole[0] & 0x40).as("RSV1").isNotZero();
        assertThat(whole.length).isLessThan(utf8(text).length);
        byte[] p = utf8(text);
        byte[] f1 = enc.data(FrameDecoder.TEXT, p, 0, 500, false);
        byte[] f2 = enc.data(FrameDecoder.TEXT, p, 500, p.length - 500, true);
        assertThat(f2[0] & 0x40).as("RSV1 on continuation").isZero();
        List<FrameDecoder.Event> l = decode(dec, concat(whole, f1, f2), 13);
        assertThat(l).extracting(FrameDecoder.Event::text).containsExactly(text, text);
    }

    @Test
    void decompressedSizeCountsAgainstTheLimit() {
        PerMessageDeflate tx = new PerMessageDeflate(false, false);
        FrameEncoder enc = new FrameEncoder(true);
        enc.setDeflate(tx);
        byte[] zeros = new byte[5000];
        byte[] f = enc.data(FrameDecoder.BINARY, zeros, 0, zeros.length, true);
        FrameDecoder dec = new FrameDecoder(true, 4000);
        dec.setDeflate(new PerMessageDeflate(false, false));
        failsWith(dec, f, 1009);
    }

    @Test
    void rsv1OnContinuationFails1002() {
        FrameDecoder dec = server();
        dec.setDeflate(new PerMessageDeflate(false, false));
        failsWith(dec, concat(frame(0x01, true, utf8("a")), frame(0x80 | 0x40, true, utf8("b"))), 1002);
    }

    @Test
    void rsv1OnControlFrameFails1002() {
        FrameDecoder dec = server();
        dec.setDeflate(new PerMessageDeflate(false, false));
        failsWith(dec, frame(0x89 | 0x40, true, utf8("a")), 1002);
    }

    @Test
    void garbageCompressedDataFails() {
        FrameDecoder dec = server();
        dec.setDeflate(new PerMessageDeflate(false, false));
        failsWith(dec, frame(0xC2, true, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}), 1002);
    }
}
