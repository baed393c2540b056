package dev.tclj.io;

import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.io.IOException;
import java.util.List;

/**
 * The device-specific half of a channel (Tcl_ChannelType): moves bytes to and from a file, a
 * standard stream, a process pipe or (in tclj-net) a socket. Everything generic (buffering,
 * translation, encodings, eof characters, blocking semantics) is in {@link Channel}.
 *
 * <p>A driver is used by its interpreter's thread, except where a method says otherwise.
 */
public interface ChannelDriver {
    int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    /** The channel type name (Tcl_ChannelType's typeName): file, pipe, tcp... */
    String type();

    /**
     * Reads up to len bytes into b. In blocking mode waits for at least one byte. Returns the count,
     * 0 when the channel is non-blocking and no data is available yet, -1 at end of data.
     */
    int read(byte[] b, int off, int len) throws IOException;

    /** Writes all len bytes (a driver may queue them in non-blocking mode). */
    void write(byte[] b, int off, int len) throws IOException;

    /** Pushes written bytes to the device (a stream's own buffer, for instance). */
    default void flush() throws IOException {}

    /**
     * Releases the device. A pipe driver waits for its processes here and reports their failure
     * as a TclException (Tcl's close of a command pipeline).
     */
    void close() throws IOException, TclException;

    /** Releases the device as the process ends: like close, but nothing is waited for. */
    default void closeAtExit() throws IOException, TclException { close(); }

    /** Closes the read side only (half-close); false if the device cannot. */
    default boolean closeRead() throws IOException { return false; }

    /** Closes the write side only (half-close); false if the device cannot. */
    default boolean closeWrite() throws IOException, TclException { return false; }

    /**
     * Whether every write should reach the device at once whatever the buffering mode (a
     * standard channel redirected by the embedding program into its own stream: whoever reads
     * that stream expects the output there when the command returns).
     */
    default boolean flushEachWrite() { return false; }

    /** Moves the device position; returns the new position. Unseekable devices fail with EINVAL. */
    default long seek(long offset, int whence) throws IOException {
        throw PosixError.EINVAL.exception();
    }

    /** Whether seek works (a file): reads then flush pending output, writes give back read-ahead. */
    default boolean seekable() { return false; }

    /** The device position, or -1 when it has none. */
    default long position() throws IOException { return -1; }

    default void truncate(long length) throws IOException {
        throw PosixError.EINVAL.exception();
    }

    default void setBlocking(boolean blocking) throws IOException {}

    /**
     * Driver-specific options (sockets' -peername, a reflected channel's own): all of them as
     * name/value pairs, for fconfigure without an option name.
     */
    default List<TclObj> options() throws TclException { return List.of(); }

    /**
     * The value of a driver option given as the script wrote it (the driver matches prefixes
     * itself), or null when the driver has no such option.
     */
    default TclObj getOption(String name) throws TclException { return null; }

    /** Sets a driver option; false when the driver has no such option (or it is read-only). */
    default boolean setOption(String name, TclObj value) throws TclException { return false; }

    /** The driver's option names, listed after the generic ones in the "bad option" message. */
    default List<String> optionNames() { return List.of(); }

    /**
     * Whether a read would return data or end of data without waiting (the event loop polls it
     * for readable fileevents).
     */
    default boolean inputReady() { return true; }

    /**
     * Asks to be told, from any thread, when input may have become ready (null: stop). Drivers
     * whose input arrives on another thread (pipes, sockets) call wake then.
     */
    default void watchInput(Runnable wake) {}

    /**
     * Whether a write would be taken without waiting, or would fail at once (the event loop polls
     * it for writable fileevents): false while a socket connects or while its peer lags behind.
     */
    default boolean outputReady() { return true; }

    /**
     * Asks to be told, from any thread, when output may have become ready (null: stop). Drivers
     * whose outputReady can turn true on another thread call wake then.
     */
    default void watchOutput(Runnable wake) {}

    /** Process ids behind the channel (pid command); empty for most devices. */
    default List<Long> pids() { return List.of(); }
}
