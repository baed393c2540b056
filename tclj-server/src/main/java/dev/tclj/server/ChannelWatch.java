package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.event.ChannelEvents;
import dev.tclj.io.Channel;

/**
 * A served client's watch of its channel's events (readable, writable, or none), changed as the
 * client's state asks: the one registration with the event loop it holds at any time.
 */
final class ChannelWatch {
    private final Interp interp;
    private final Channel channel;
    private final ChannelEvents.Handler handler;
    private ChannelEvents.Registration reg;
    private int mask;

    ChannelWatch(Interp interp, Channel channel, ChannelEvents.Handler handler) {
        this.interp = interp;
        this.channel = channel;
        this.handler = handler;
    }

    /** Watches the events of mask (ChannelEvents.READABLE, WRITABLE), or none (0). */
    void set(int m) {
        if (m == mask) return;
        if (reg != null) ChannelEvents.unwatch(interp, channel, reg);
        reg = m == 0 ? null : ChannelEvents.watch(interp, channel, m, handler);
        mask = m;
    }

    /** The event loop dropped the handler (the channel was closed): nothing is registered any more. */
    void dropped() {
        reg = null;
        mask = 0;
    }
}
