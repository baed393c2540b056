package dev.tclj.io;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel implemented in Tcl ({@code chan create}, TIP 219): every driver operation calls a
 * method of the handler command. A handler error is the operation's error; an error whose
 * message is EAGAIN means "no data yet" on a non-blocking channel. The watch method is called
 * once the event loop watches channels.
 */
public final class ReflectedDriver implements ChannelDriver {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ScriptedHandler h;
    private boolean blocking = true;

    private ReflectedDriver(ScriptedHandler h) { this.h = h; }

    /** chan create: runs initialize, checks the methods and makes the channel. */
    public static Channel create(Interp interp, TclObj prefix, boolean read, boolean write) throws TclException {
        String name = "rc" + COUNTER.getAndIncrement();
        ScriptedHandler h = new ScriptedHandler(interp, prefix, name);
        List<TclObj> mode = new ArrayList<>();
        if (read) mode.add(TclObj.of("read"));
        if (write) mode.add(TclObj.of("write"));
        h.initialize(TclObj.ofList(TclList.of(mode)));
        if (!h.supports("initialize") || !h.supports("finalize") || !h.supports("watch")) {
            throw TclException.error("chan handler \"" + h.name() + "\" does not support all required methods");
        }
        if (read && !h.supports("read")) throw TclException.error("chan handler \"" + h.name() + "\" lacks a \"read\" method");
        if (write && !h.supports("write")) throw TclException.error("chan handler \"" + h.name() + "\" lacks a \"write\" method");
        return new Channel(name, new ReflectedDriver(h), read, write);
    }

    @Override
    public String type() { return "tclrchannel"; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        TclObj r;
        try {
            r = h.callTcl("read", TclObj.of(len));
        } catch (TclException e) {
            if (e.getMessage().equals("EAGAIN")) {
                if (!blocking) return 0;
            }
            throw new DriverError(e);
        }
        String s = r.toString();
        if (s.length() > len) throw new DriverError(TclException.error("read delivered more than requested"));
        if (s.isEmpty()) return -1;
        for (int i = 0; i < s.length(); i++) b[off + i] = (byte) s.charAt(i);
        return s.length();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            char[] c = new char[len];
            for (int i = 0; i < len; i++) c[i] = (char) (b[off + i] & 0xFF);
            TclObj r = h.call("write", TclObj.of(new String(c)));
            int n;
            try {
                n = r.asInt();
            } catch (TclException e) {
                throw new DriverError(e);
            }
            if (n > len) throw new DriverError(TclException.error("write wrote more than requested"));
            if (n < 0) throw new DriverError(TclException.error("write wrote negative number of bytes"));
            if (n == 0) break; // the handler takes nothing more now: Tcl would retry from the event loop
            off += n;
            len -= n;
        }
    }

    @Override
    public void close() throws IOException {
        h.call("finalize");
    }

    @Override
    public boolean seekable() { return h.supports("seek"); }

    @Override
    public long seek(long offset, int whence) throws IOException {
        if (!h.supports("seek")) throw PosixError.EINVAL.exception();
        String base = whence == SEEK_SET ? "start" : whence == SEEK_CUR ? "current" : "end";
        TclObj r = h.call("seek", TclObj.of(offset), TclObj.of(base));
        try {
            long p = r.asLong();
            if (p < 0) throw new DriverError(TclException.error("Tried to seek before origin"));
            return p;
        } catch (TclException e) {
            throw new DriverError(e);
        }
    }

    @Override
    public long position() throws IOException {
        if (!h.supports("seek")) return -1;
        return seek(0, SEEK_CUR);
    }

    @Override
    public void setBlocking(boolean b) throws IOException {
        if (h.supports("blocking")) h.call("blocking", TclObj.of(b));
        blocking = b;
    }

    @Override
    public List<TclObj> options() throws TclException {
        if (!h.supports("cgetall")) return List.of();
        TclList l = h.callTcl("cgetall").asList();
        if (l.size() % 2 != 0) throw TclException.error("Expected list with even number of elements, got " + l.size() + " element" + (l.size() == 1 ? "" : "s") + " instead");
        List<TclObj> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) out.add(l.get(i));
        return out;
    }

    @Override
    public TclObj getOption(String name) throws TclException {
        if (!h.supports("cget")) return null;
        return h.callTcl("cget", TclObj.of(name));
    }

    @Override
    public boolean setOption(String name, TclObj value) throws TclException {
        if (!h.supports("configure")) return false;
        h.callTcl("configure", TclObj.of(name), value);
        return true;
    }

    /** The handler's watch method: the event loop tells it which events are of interest. */
    public void watch(List<String> events) throws TclException {
        List<TclObj> l = new ArrayList<>();
        for (String e : events) l.add(TclObj.of(e));
        h.callTcl("watch", TclObj.ofList(TclList.of(l)));
    }
}
