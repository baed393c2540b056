package dev.tclj.server;

import dev.tclj.io.Channel;
import dev.tclj.io.ChannelDriver;
import dev.tclj.io.Encodings;
import dev.tclj.io.PosixError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The channel a WebSocket client is known by in the {@code -onerror} hook: the hook of a line
 * client gets the client's socket and answers by writing to it ({@code puts $chan "ERROR: $msg"}),
 * but a WebSocket client's socket carries frames, which such a write would corrupt. So the hook
 * gets this channel instead, named {@code ws} and the socket's name ({@code wssock12}), where
 * every write the channel makes (a line: it is line-buffered; or a flush) goes to the client as
 * one text message. Closing it closes the WebSocket connection. It is write-only, and lives in
 * the server's interpreter as long as the client.
 */
final class MessageChannel implements ChannelDriver {
    /** Where the messages go, and what closing the channel does. */
    interface Client {
        /** Sends a text message; false when the connection is over. */
        boolean sendFromScript(String message);

        /** A script closed the channel. */
        void closedByScript();
    }

    private final Client client;
    private boolean closed;

    private MessageChannel(Client client) { this.client = client; }

    /** The channel for the client whose socket is socketName (not yet registered). */
    static Channel open(String socketName, Client client) {
        Channel c = new Channel("ws" + socketName, new MessageChannel(client), false, true);
        c.setBuffering(Channel.Buffering.LINE);
        c.setEncoding(Encodings.UTF8);
        return c;
    }

    @Override public String type() { return "websocket"; }

    @Override
    public int read(byte[] b, int off, int len) { return -1; }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // the channel's encoding is UTF-8, so the bytes are the message's text
        if (closed || !client.sendFromScript(new String(b, off, len, StandardCharsets.UTF_8))) {
            throw PosixError.EPIPE.exception();
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        client.closedByScript();
    }

    /** The client went: writes fail from now on, and closing does nothing more. */
    void gone() { closed = true; }
}
