package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.ErrorCmds;
import dev.tclj.io.Channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The framed protocol's frames ({@link Protocol#FRAMED}): {@code TYPE LENGTH\n}, LENGTH bytes,
 * {@code \n}. Written with {@link Channel#writeBytes}, past the channel's translation and
 * encoding, so that the length counts exactly the bytes that follow.
 */
final class Frames {
    private Frames() {}

    /** Writes one frame to c; returns the number of bytes written. */
    static int write(Channel c, String type, byte[] payload) throws IOException {
        byte[] head = (type + " " + payload.length + "\n").getBytes(StandardCharsets.US_ASCII);
        Channel.Buffering saved = c.buffering();
        // one write to the device per batch of replies, not one per line (see Connection)
        c.setBuffering(Channel.Buffering.FULL);
        try {
            c.writeBytes(head, 0, head.length);
            c.writeBytes(payload, 0, payload.length);
            c.writeBytes(NEWLINE, 0, 1);
        } finally {
            c.setBuffering(saved);
        }
        return head.length + payload.length + 1;
    }

    private static final byte[] NEWLINE = {'\n'};

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** The payload of an error frame for a failed command: {message returnOptions}. */
    static byte[] errorPayload(Interp interp, TclException e) {
        TclObj options = ErrorCmds.options(interp, e);
        return utf8(TclObj.ofList(e.result(), options).toString());
    }

    /** The payload of an error frame for a server-side refusal (a limit), with its errorCode. */
    static byte[] errorPayload(String message, TclObj errorCode) {
        TclDict.Builder b = new TclDict.Builder(4);
        b.put(TclObj.of("-code"), TclObj.of(1));
        b.put(TclObj.of("-level"), TclObj.of(0));
        b.put(TclObj.of("-errorcode"), errorCode);
        b.put(TclObj.of("-errorinfo"), TclObj.of(message));
        return utf8(TclObj.ofList(TclObj.of(message), TclObj.ofDict(b.build())).toString());
    }
}
