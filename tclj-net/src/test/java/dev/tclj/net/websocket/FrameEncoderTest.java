package dev.tclj.net.websocket;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the encoder writes: header shapes, masking by clients only, fresh masks, fragments. */
class FrameEncoderTest {
    @Test
    void serverFramesAreUnmaskedAndClientFramesMasked() {
        byte[] s = new FrameEncoder(false).data(FrameDecoder.TEXT, "hi".getBytes(StandardCharsets.UTF_8), 0, 2, true);
        assertThat(s).containsExactly(0x81, 2, 'h', 'i');
        byte[] c = new FrameEncoder(true).data(FrameDecoder.TEXT, "hi".getBytes(StandardCharsets.UTF_8), 0, 2, true);
        assertThat(c).hasSize(8);
        assertThat(c[1] & 0xFF).isEqualTo(0x80 | 2);
        assertThat((byte) (c[6] ^ c[2])).isEqualTo((byte) 'h');
        assertThat((byte) (c[7] ^ c[3])).isEqualTo((byte) 'i');
    }

    @Test
    void everyClientFrameHasAFreshMask() {
        FrameEncoder e = new FrameEncoder(true);
        Set<String> masks = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            byte[] f = e.control(FrameDecoder.PING, new byte[0], 0, 0);
            masks.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(f, 2, 6)));
        }
        assertThat(masks.size()).isGreaterThan(95);
    }

    @Test
    void lengthEncodings() {
        FrameEncoder e = new FrameEncoder(false);
        assertThat(e.data(FrameDecoder.BINARY, new byte[125], 0, 125, true)[1]).isEqualTo((byte) 125);
        byte[] f126 = e.data(FrameDecoder.BINARY, new byte[126], 0, 126, true);
        assertThat(f126[1]).isEqualTo((byte) 126);
        assertThat(f126).hasSize(4 + 126);
        byte[] f64k = e.data(FrameDecoder.BINARY, new byte[65536], 0, 65536, true);
        assertThat(f64k[1]).isEqualTo((byte) 127);
        assertThat(f64k).hasSize(10 + 65536);
    }

    @Test
    void fragmentsAreContinuationsAndRoundTrip() {
        FrameEncoder e = new FrameEncoder(true);
        byte[] p = "abcdefghij".getBytes(StandardCharsets.UTF_8);
        byte[] f1 = e.data(FrameDecoder.BINARY, p, 0, 3, false);
        assertThat(e.openMessage()).isEqualTo(FrameDecoder.BINARY);
        byte[] ping = e.control(FrameDecoder.PING, p, 0, 1);
        byte[] f2 = e.data(FrameDecoder.BINARY, p, 3, 7, true);
        assertThat(e.openMessage()).isEqualTo(-1);
        assertThat(f1[0] & 0xFF).isEqualTo(0x02);
        assertThat(f2[0] & 0xFF).isEqualTo(0x80);
        FrameDecoder d = new FrameDecoder(true, 1000);
        var events = FrameDecoderTest.decode(d, FrameDecoderTest.concat(f1, ping, f2), 1);
        assertThat(events).extracting(FrameDecoder.Event::kind).containsExactly(FrameDecoder.Kind.PING, FrameDecoder.Kind.BINARY);
        assertThat(events.get(1).data()).isEqualTo(p);
    }

    @Test
    void shortMessagesGoUncompressedEvenWithDeflate() {
        FrameEncoder e = new FrameEncoder(false);
        e.setDeflate(new PerMessageDeflate(false, false));
        assertThat(e.data(FrameDecoder.TEXT, new byte[10], 0, 10, true)[0] & 0x40).isZero();
        assertThat(e.data(FrameDecoder.TEXT, new byte[1000], 0, 1000, true)[0] & 0x40).isNotZero();
    }
}
