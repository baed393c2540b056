package dev.tclj.io;

import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.TclException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The channels an interpreter can see, by name (Tcl's per-interpreter channel table), starting
 * with stdin, stdout and stderr. A channel may later be registered in several interpreters
 * ({@code interp share}); it is closed when the last one lets go of it.
 *
 * <p>New channels are named like Tcl's: {@code file3}, {@code file4}..., the lowest number not in
 * use in the process (Tcl uses the file descriptor number, which behaves the same way).
 */
public final class ChannelTable {
    private static final Object KEY = ChannelTable.class;
    private static final BitSet usedNumbers = new BitSet();

    private final Interp interp;
    private final LinkedHashMap<String, Channel> channels = new LinkedHashMap<>();

    private ChannelTable(Interp interp) { this.interp = interp; }

    /**
     * The interpreter's table, created on first use with the standard channels (as Tcl's
     * GetChannelTable): they take the system encoding of that moment, so a script that sets
     * {@code encoding system} before its first channel command writes stdout in it. A safe
     * interpreter starts with no channels at all.
     */
    public static ChannelTable of(Interp interp) {
        ChannelTable t = interp.getAssoc(KEY);
        if (t == null) {
            t = new ChannelTable(interp);
            interp.setAssoc(KEY, t);
            if (!interp.isSafe()) {
                t.addStandard("stdin", StdioDriver.STDIN, true, false, Channel.Buffering.LINE);
                t.addStandard("stdout", StdioDriver.STDOUT, false, true, Channel.Buffering.LINE);
                t.addStandard("stderr", StdioDriver.STDERR, false, true, Channel.Buffering.NONE);
            }
        }
        return t;
    }

    private void addStandard(String name, int which, boolean r, boolean w, Channel.Buffering b) {
        Channel c = new Channel(name, new StdioDriver(interp, which), r, w);
        c.setBuffering(b);
        register(c);
    }

    /** A fresh channel name with the given prefix ("file", "sock"...). */
    public static String newName(String prefix) { return prefix + allocateNumber(); }

    /**
     * Takes the lowest free number, as the kernel hands out file descriptors (a pipeline takes
     * several, like Tcl's pipes and error file, so that names follow tclsh's).
     */
    public static int allocateNumber() {
        synchronized (usedNumbers) {
            int n = usedNumbers.nextClearBit(3);
            usedNumbers.set(n);
            return n;
        }
    }

    public static void releaseNumber(int n) {
        if (n < 0) return;
        synchronized (usedNumbers) { usedNumbers.clear(n); }
    }

    /** A closed channel's name gives its number back to the pool (file7: 7), when it came from there. */
    public static void releaseName(String name) {
        // only the names numbered from the pool ("file", "sock"): a reflected channel's rcN has a
        // counter of its own, and releasing its N would hand out a number still in use
        if (!name.startsWith("file") && !name.startsWith("sock")) return;
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) i--;
        if (i != 4 || i == name.length()) return;
        try {
            int n = Integer.parseInt(name.substring(i));
            synchronized (usedNumbers) { usedNumbers.clear(n); }
        } catch (NumberFormatException e) {
            // not a generated name
        }
    }

    public void register(Channel c) {
        if (channels.putIfAbsent(c.name(), c) == null) c.refCount++;
    }

    /** The channel called name, or null. */
    public Channel lookup(String name) { return channels.get(name); }

    /** The channel called name; Tcl's error if there is none. */
    public Channel get(String name) throws TclException {
        Channel c = channels.get(name);
        if (c == null) throw notFound(name);
        return c;
    }

    public static TclException notFound(String name) {
        return TclException.error("can not find channel named \"" + name + "\"", "TCL", "LOOKUP", "CHANNEL", name);
    }

    /** Channel names matching a glob pattern (null: all), in registration order. */
    public List<String> names(String pattern) {
        List<String> l = new ArrayList<>();
        for (String n : channels.keySet()) if (pattern == null || Glob.match(pattern, n, false)) l.add(n);
        return l;
    }

    /**
     * Removes a channel from this interpreter and closes it if no other interpreter has it.
     * Errors from flushing or from the driver (a pipeline's failure) are thrown after the
     * channel is gone.
     */
    public void close(Channel c) throws IOException, TclException {
        if (channels.remove(c.name()) == null) return;
        if (--c.refCount > 0) return;
        try {
            c.close();
        } finally {
            releaseName(c.name());
        }
    }

    /**
     * Makes a child interpreter use its parent's standard channels, as Tcl's interpreters share
     * stdin, stdout and stderr (one buffer, so their output stays in order). The child's own
     * standard channels, unused so far, are dropped.
     */
    public static void shareStandardChannels(Interp parent, Interp child) {
        ChannelTable from = of(parent), to = of(child);
        for (String n : new String[]{"stdin", "stdout", "stderr"}) {
            Channel mine = to.channels.get(n);
            if (mine != null && mine.driver() instanceof StdioDriver) to.detach(mine);
            Channel theirs = from.channels.get(n);
            if (theirs != null) to.register(theirs);
        }
    }

    /** interp share: makes the channel called name in from visible in to as well. */
    public static void share(Interp from, String name, Interp to) throws TclException {
        of(to).register(of(from).get(name));
    }

    /** interp transfer: moves the channel called name from one interpreter to another. */
    public static void transfer(Interp from, String name, Interp to) throws TclException {
        ChannelTable source = of(from);
        Channel c = source.get(name);
        of(to).register(c);
        source.detach(c);
    }

    /** Forgets a channel without closing it (the channel moves to another interpreter). */
    public void detach(Channel c) {
        if (channels.remove(c.name()) != null) c.refCount--;
    }

    /** Flushes every writable channel (the test harness calls this before reading captured output). */
    public static void flushAll(Interp interp) {
        ChannelTable t = interp.getAssoc(KEY);
        if (t == null) return;
        for (Channel c : new ArrayList<>(t.channels.values())) {
            if (!c.isWritable() || c.isClosed()) continue;
            try {
                c.flush();
            } catch (IOException e) {
                // nowhere to report it; the next write will fail the same way
            }
        }
    }

    /**
     * Closes every channel, the standard ones last, as Tcl does when an interpreter is deleted:
     * buffered output is written, pipelines are waited for.
     */
    public static void closeAll(Interp interp) { closeAll(interp, false); }

    /**
     * What tclsh does as the process ends: buffered output is written and files closed, but the
     * processes of open pipelines are left running, not waited for.
     */
    public static void finishAtExit(Interp interp) { closeAll(interp, true); }

    private static void closeAll(Interp interp, boolean atExit) {
        ChannelTable t = interp.getAssoc(KEY);
        if (t == null) return;
        List<Channel> all = new ArrayList<>(t.channels.values());
        List<Channel> std = new ArrayList<>();
        for (Channel c : all) {
            if (c.driver() instanceof StdioDriver) { std.add(c); continue; }
            try {
                if (t.channels.remove(c.name()) != null && --c.refCount <= 0) {
                    try {
                        c.close(atExit);
                    } finally {
                        releaseName(c.name());
                    }
                }
            } catch (IOException | TclException e) {
                // the process is ending; Tcl ignores these too
            }
        }
        for (Channel c : std) {
            try {
                if (c.isWritable()) c.flush();
            } catch (IOException e) {
                // as above
            }
        }
    }
}
