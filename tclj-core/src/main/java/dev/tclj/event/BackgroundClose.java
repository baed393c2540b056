package dev.tclj.event;

import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclException;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.io.StreamDriver;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens to a channel as the close command takes it from an interpreter: the event
 * loop lets go of it there (fileevent scripts, background copies), and a non-blocking stream
 * channel (a pipe) that still has output pending is closed in the background, as Tcl does: the
 * close command returns at once, and the pending output is written and the device released on
 * a thread of its own (stream writes cannot be made non-blocking in Java). Nothing else uses
 * the channel by then: it is in no interpreter's table. {@link #awaitAll} lets the process wait
 * for these closes before it exits, as tclsh flushes everything at exit.
 */
public final class BackgroundClose {
    private BackgroundClose() {}

    private static final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /**
     * Called by close before the channel leaves interp's table. Returns true when the channel
     * has been taken over to be closed in the background (the caller is done).
     */
    public static boolean closing(Interp interp, ChannelTable table, Channel c) {
        interp.notifier().channels.closing(interp, c);
        if (c.isBlocking() || !c.isWritable() || c.pendingOutput() == 0 || !(c.driver() instanceof StreamDriver)) {
            return false;
        }
        // a channel shared with another interpreter is not closed now, only forgotten here
        if (sharedElsewhere(interp, c)) return false;
        table.detach(c);
        Thread t = new Thread(() -> {
            try {
                c.close();
            } catch (IOException | TclException e) {
                // as in Tcl, nobody is left to hear about a background flush that failed
            } finally {
                ChannelTable.releaseName(c.name());
                running.remove(Thread.currentThread());
            }
        }, "tclj-close-" + c.name());
        t.setDaemon(true);
        running.add(t);
        t.start();
        return true;
    }

    /** Waits for the channels being closed in the background (tclsh flushes them at exit). */
    public static void awaitAll() {
        for (Thread t : running.toArray(new Thread[0])) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean sharedElsewhere(Interp interp, Channel c) {
        Interp root = interp;
        while (Interps.parentOf(root) != null) root = Interps.parentOf(root);
        return registeredIn(root, interp, c);
    }

    private static boolean registeredIn(Interp i, Interp except, Channel c) {
        if (i != except && !i.isDeleted() && ChannelTable.of(i).lookup(c.name()) == c) return true;
        for (Interp child : Interps.childrenOf(i).values()) if (registeredIn(child, except, c)) return true;
        return false;
    }
}
