package dev.tclj.net.websocket;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder on input no peer should send: random bytes, and valid streams cut and corrupted at
 * random, in random chunks. It must never throw, and whatever it reports must be a well-formed
 * event: a failure carries a code that may be sent, and nothing follows a Close. (A fixed seed
 * per case keeps a failure reproducible.)
 */
class DecoderRobustnessTest {
    private static List<FrameDecoder.Event> run(FrameDecoder d, byte[] bytes, Random r) {
        List<FrameDecoder.Event> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int n = Math.min(bytes.length - i, 1 + r.nextInt(300));
            d.feed(bytes, i, n);
            i += n;
            FrameDecoder.Event e;
            while ((e = d.next()) != null) out.add(e);
        }
        return out;
    }

    private static void checkWellFormed(List<FrameDecoder.Event> events) {
        boolean closed = false;
        boolean failed = false;
        for (FrameDecoder.Event e : events) {
            assertThat(closed).as("nothing after a Close").isFalse();
            switch (e.kind()) {
                case FAIL -> {
                    assertThat(failed).as("one failure").isFalse();
                    failed = true;
                    assertThat(e.code()).isIn(1002, 1007, 1009);
                }
                case CLOSE -> closed = true;
                default -> assertThat(failed).as("no messages after a failure").isFalse();
            }
        }
    }

    @Test
    void randomBytes() {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            byte[] b = new byte[r.nextInt(5000)];
            r.nextBytes(b);
            FrameDecoder d = new FrameDecoder(seed % 2 == 0, 1 << 16);
            if (seed % 3 == 0) d.setDeflate(new PerMessageDeflate(false, false));
            checkWellFormed(run(d, b, r));
        }
    }

    @Test
    void corruptedValidStreams() {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            boolean deflate = seed % 2 == 0;
            FrameEncoder enc = new FrameEncoder(true);
            if (deflate) enc.setDeflate(new PerMessageDeflate(false, false));
            java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
            for (int m = 0; m < 5; m++) {
                byte[] p = new byte[r.nextInt(2000)];
                for (int k = 0; k < p.length; k++) p[k] = (byte) ('a' + r.nextInt(26));
                s.writeBytes(enc.data(r.nextBoolean() ? FrameDecoder.TEXT : FrameDecoder.BINARY, p, 0, p.length, true));
                if (r.nextInt(3) == 0) s.writeBytes(enc.control(FrameDecoder.PING, p, 0, Math.min(p.length, 125)));
            }
            byte[] b = s.toByteArray();
            // flip a few bits, and maybe cut the end off
            for (int k = 0; k < 1 + r.nextInt(4); k++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            if (r.nextBoolean()) b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            FrameDecoder d = new FrameDecoder(true, 1 << 16);
            if (deflate) d.setDeflate(new PerMessageDeflate(false, false));
            checkWellFormed(run(d, b, r));
        }
    }

    @Test
    void validStreamsDecodeExactlyInAnyChunking() {
        for (int seed = 0; seed < 100; seed++) {
            Random r = new Random(seed);
            FrameEncoder enc = new FrameEncoder(seed % 2 == 0);
            if (seed % 4 < 2) enc.setDeflate(new PerMessageDeflate(false, false));
            FrameDecoder d = new FrameDecoder(seed % 2 == 0, 1 << 20);
            if (seed % 4 < 2) d.setDeflate(new PerMessageDeflate(false, false));
            java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
            List<byte[]> sent = new ArrayList<>();
            for (int m = 0; m < 8; m++) {
                byte[] p = new byte[r.nextInt(70000)];
                r.nextBytes(p);
                sent.add(p);
                int cut = p.length / 2;
                s.writeBytes(enc.data(FrameDecoder.BINARY, p, 0, cut, false));
                s.writeBytes(enc.control(FrameDecoder.PONG, new byte[0], 0, 0));
                s.writeBytes(enc.data(FrameDecoder.BINARY, p, cut, p.length - cut, true));
            }
            List<FrameDecoder.Event> events = run(d, s.toByteArray(), r);
            List<byte[]> got = new ArrayList<>();
            for (FrameDecoder.Event e : events) if (e.kind() == FrameDecoder.Kind.BINARY) got.add(e.data());
            assertThat(got).hasSize(sent.size());
            for (int k = 0; k < sent.size(); k++) assertThat(got.get(k)).isEqualTo(sent.get(k));
        }
    }
}
