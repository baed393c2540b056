package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

/**
 * The two hooks of a TclServer, as Java functions, and their Tcl-script forms (the package's
 * {@code -onconnect} and {@code -onerror}, which NSCLDAQ's TclServer calls with
 * {@code uplevel #0 $script $channel ...}: the words are appended to the script as text, and the
 * result is taken as a boolean the way {@code if} takes it).
 */
public final class Handlers {
    private Handlers() {}

    /**
     * Called on the interpreter's thread when a client connects, before anything is read from it.
     * The channel is the client's socket, blocking and fully buffered, so the handler may talk to
     * the client first (authentication). Return false to close the connection.
     */
    @FunctionalInterface
    public interface OnConnect {
        boolean accept(Interp interp, String channel, String address, int port) throws TclException;

        /** A Tcl script called at global level with the channel, address and port appended. */
        static OnConnect script(String script) {
            return new ScriptOnConnect(script);
        }
    }

    /**
     * Called on the interpreter's thread when a command fails (any completion but ok), with the
     * command's text and its error. Return false to close the connection.
     */
    @FunctionalInterface
    public interface OnError {
        boolean keepOpen(Interp interp, String channel, String command, TclException error) throws TclException;

        /** A Tcl script called at global level with the channel, the command and the message appended. */
        static OnError script(String script) {
            return new ScriptOnError(script);
        }
    }

    /** The script form of OnConnect: {@code uplevel #0 $script $channel $address $port}. */
    record ScriptOnConnect(String script) implements OnConnect {
        @Override
        public boolean accept(Interp interp, String channel, String address, int port) throws TclException {
            String cmd = script + " " + channel + " " + address + " " + port;
            return truth(interp.evalInFrame(interp.globalFrame(), TclObj.of(cmd)));
        }
    }

    /** The script form of OnError: {@code uplevel #0 $script $channel [list $command] [list $message]}. */
    record ScriptOnError(String script) implements OnError {
        @Override
        public boolean keepOpen(Interp interp, String channel, String command, TclException error) throws TclException {
            String cmd = script + " " + channel + " " + TclObj.ofList(TclObj.of(command)) + " "
                    + TclObj.ofList(error.result());
            return truth(interp.evalInFrame(interp.globalFrame(), TclObj.of(cmd)));
        }
    }

    /** A result as {@code if} reads it, with its error for anything else. */
    static boolean truth(TclObj v) throws TclException {
        return v.asBoolean();
    }
}
