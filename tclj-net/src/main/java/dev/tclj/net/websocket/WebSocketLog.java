package dev.tclj.net.websocket;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The package's log, as tcllib's websocket logs through the logger package: a level (by default
 * "error") below which messages are dropped, and lines in logger's default form written to
 * the interpreter's stdout: {@code [date] [websocket] [level] 'text'}.
 */
final class WebSocketLog {
    /** logger's levels, least severe first. */
    static final List<String> LEVELS = List.of("debug", "info", "notice", "warn", "error", "critical", "alert", "emergency");
    static final int DEBUG = 0, INFO = 1, NOTICE = 2, WARN = 3, ERROR = 4;

    /** As Tcl's default clock format: Sun Nov 22 11:08:03 UTC 2026. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ENGLISH);

    private final Interp interp;
    private int level = ERROR;

    WebSocketLog(Interp interp) { this.interp = interp; }

    String level() { return LEVELS.get(level); }

    /** Sets the level; false (and no change) if name is not one, as logger refuses it. */
    boolean setLevel(String name) {
        int i = LEVELS.indexOf(name);
        if (i < 0) return false;
        level = i;
        return true;
    }

    boolean enabled(int lvl) { return lvl >= level; }

    void log(int lvl, String text) {
        if (lvl < level) return;
        String line = "[" + ZonedDateTime.now().format(CLOCK) + "] [websocket] [" + LEVELS.get(lvl) + "] '" + text + "'";
        try {
            interp.invokeWords(new TclObj[] {TclObj.of("::puts"), TclObj.of("stdout"), TclObj.of(line)}, interp.globalNamespace());
        } catch (TclException e) {
            // no stdout to log to: the message is lost, as logger's would be
        }
    }
}
