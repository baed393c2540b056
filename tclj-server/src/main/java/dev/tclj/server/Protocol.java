package dev.tclj.server;

/**
 * What a TclServer writes back for each command.
 *
 * <ul>
 * <li>{@link #LINE}, the default: NSCLDAQ TclServer's wire format. A command that succeeds is
 *     answered with its result and a newline, in the socket's translation (CRLF) and encoding;
 *     a command that fails is answered with nothing (the {@code -onerror} handler may write).
 * <li>{@link #FRAMED}: every answer is a frame that says what it is and how long it is, so that
 *     multi-line results and errors reach the client unambiguously, and output that the command
 *     printed to stdout or stderr comes back to the client. A frame is a header line of ASCII,
 *     {@code TYPE LENGTH\n}, then exactly LENGTH bytes (UTF-8), then {@code \n}. TYPE is
 *     {@code ok} (the result), {@code error} (a two-element Tcl list: the message and the
 *     return options dictionary with -code, -errorcode, -errorinfo...), {@code stdout} or
 *     {@code stderr} (output of the command, sent before its ok or error frame).
 * </ul>
 * Requests are the same in both: commands ended by a newline, a command running over several
 * lines until it is complete ({@code info complete}).
 */
public enum Protocol {
    LINE("line"), FRAMED("framed");

    private final String tclName;

    Protocol(String tclName) { this.tclName = tclName; }

    /** The name used by the Tcl package's {@code -protocol} option. */
    public String tclName() { return tclName; }

    /** The protocol called name ("line" or "framed"), or null. */
    static Protocol named(String name) {
        for (Protocol p : values()) if (p.tclName.equals(name)) return p;
        return null;
    }
}
