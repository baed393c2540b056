package dev.tclj.server;

import dev.tclj.TclDict;
import dev.tclj.TclObj;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The counters of one server. Written on the interpreter's thread, read from any (JMX, the Java
 * API), hence atomics; counts of open connections and the state come from the engine.
 */
final class ServerStats implements ServerStatsMBean {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong commands = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();
    private final IntSupplier open;
    private final BooleanSupplier active;
    private final IntSupplier port;

    ServerStats(IntSupplier open, BooleanSupplier active, IntSupplier port) {
        this.open = open;
        this.active = active;
        this.port = port;
    }

    @Override public int getConnections() { return open.getAsInt(); }
    @Override public long getAccepted() { return accepted.get(); }
    @Override public long getCommands() { return commands.get(); }
    @Override public long getErrors() { return errors.get(); }
    @Override public long getBytesIn() { return bytesIn.get(); }
    @Override public long getBytesOut() { return bytesOut.get(); }
    @Override public boolean isActive() { return active.getAsBoolean(); }
    @Override public int getPort() { return port.getAsInt(); }

    /** The figures as a Tcl dictionary ({@code $server stats}). */
    TclObj toDict() {
        TclDict.Builder b = new TclDict.Builder(6);
        b.put(TclObj.of("connections"), TclObj.of(getConnections()));
        b.put(TclObj.of("accepted"), TclObj.of(getAccepted()));
        b.put(TclObj.of("commands"), TclObj.of(getCommands()));
        b.put(TclObj.of("errors"), TclObj.of(getErrors()));
        b.put(TclObj.of("bytesin"), TclObj.of(getBytesIn()));
        b.put(TclObj.of("bytesout"), TclObj.of(getBytesOut()));
        return TclObj.ofDict(b.build());
    }
}
