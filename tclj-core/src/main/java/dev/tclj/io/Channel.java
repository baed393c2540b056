package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;

/**
 * A Tcl channel: the generic half of Tcl's I/O (tclIO.c) over a {@link ChannelDriver}. It owns the
 * input and output buffers and applies the channel's buffering mode, end-of-line translation,
 * encoding and end-of-file character; it knows nothing about the device.
 *
 * <p>Input is kept as raw bytes and decoded only as far as a command consumes, so the bytes behind
 * every character not yet read are still in the buffer: {@code tell} is exact, and a script may read
 * a header in one encoding or translation and switch for the rest (as the http package does).
 *
 * <p>Invariants: raw[rawPos, rawEnd) are bytes read from the driver and not yet consumed; while a
 * {@code gets} is in progress {@code mark} pins the bytes from the line's start so that a line left
 * incomplete in non-blocking mode can be given back. Used by one thread at a time.
 */
public final class Channel {
    public enum Buffering { FULL, LINE, NONE }

    /** Translation modes (binary is stored as LF with the binary encoding), and their names. */
    public static final int AUTO = 0, LF = 1, CR = 2, CRLF = 3;
    public static final String[] TRANSLATION_NAMES = {"auto", "lf", "cr", "crlf"};

    private final String name;
    /** The device, or the topmost transformation stacked on it (chan push). */
    private ChannelDriver driver;
    private boolean readable, writable;
    private boolean closed;

    private boolean blocking = true;
    private Buffering buffering;
    private int bufferSize = 4096;
    private TclEncoding encoding;
    private TclEncoding.Decoder decoder;
    private TclEncoding.Encoder encoder;
    private int inTranslation = AUTO, outTranslation = LF;
    private int inEofChar = -1, outEofChar = -1;

    // ---- input state
    private byte[] raw = NO_BYTES;
    private int rawPos, rawEnd;
    private int mark = -1;
    /** The last operation reached the end of data (the eof command). */
    private boolean eof;
    /** The driver reported end of data (a seek clears it). */
    private boolean driverEof;
    /** Input stopped at the eof character; reads return nothing until a seek. */
    private boolean atEofChar;
    private boolean blocked;
    /** Auto translation: the last character was \r and a \n that follows belongs to it. */
    private boolean needNL;
    /** The last fill got all it asked for, so more data is probably waiting. */
    private boolean lastFillFull;
    /** A fill in the current operation came back short. */
    private boolean shortFill;
    /** Decoded characters of one chunk (allocated by the first read). */
    private char[] cbuf = NO_CHARS;
    /** Characters of the line being read by gets so far (crlf mode looks back over them). */
    private int lineLength;
    private boolean[] lineStop, readStop;

    private static final byte[] NO_BYTES = new byte[0];
    private static final char[] NO_CHARS = new char[0];

    // ---- output state
    private final Bytes out = new Bytes(4096);

    /** Interpreters (tables) this channel is registered in; closed when the last lets go. */
    int refCount;

    public Channel(String name, ChannelDriver driver, boolean readable, boolean writable) {
        this.name = name;
        this.driver = driver;
        this.readable = readable;
        this.writable = writable;
        this.buffering = Buffering.FULL;
        setEncodingQuietly(Encodings.system());
        computeStops();
    }

    public String name() { return name; }

    public ChannelDriver driver() { return driver; }

    public boolean isReadable() { return readable; }

    public boolean isWritable() { return writable; }

    public boolean isClosed() { return closed; }

    // ======================================================================================
    // Options
    // ======================================================================================

    public boolean isBlocking() { return blocking; }

    public void setBlocking(boolean b) throws IOException {
        if (b == blocking) return;
        if (b && writable) flush();
        driver.setBlocking(b);
        blocking = b;
    }

    public Buffering buffering() { return buffering; }

    public void setBuffering(Buffering b) { buffering = b; }

    public int bufferSize() { return bufferSize; }

    /** Sets the buffer size, clamped to Tcl's range 1..1M. */
    public void setBufferSize(int n) {
        bufferSize = Math.max(1, Math.min(n, 1 << 20));
    }

    public TclEncoding encoding() { return encoding; }

    /** Changes the encoding; output already converted stays as is, shift states are closed. */
    public void setEncoding(TclEncoding e) {
        // As in Tcl, setting an encoding (even the same one) ends a wait for the rest of a
        // character: the buffered bytes count as input again, so a readable handler runs.
        blocked = false;
        if (e == encoding) return;
        if (encoder != null && writable) encoder.finish(out);
        setEncodingQuietly(e);
    }

    private void setEncodingQuietly(TclEncoding e) {
        encoding = e;
        decoder = e.newDecoder();
        encoder = e.newEncoder();
    }

    public int inputTranslation() { return inTranslation; }

    public int outputTranslation() { return outTranslation; }

    public void setInputTranslation(int t) {
        if (t != inTranslation) needNL = false;
        inTranslation = t;
        computeStops();
    }

    public void setOutputTranslation(int t) { outTranslation = t; }

    public int inputEofChar() { return inEofChar; }

    public int outputEofChar() { return outEofChar; }

    public void setInputEofChar(int c) {
        inEofChar = c;
        computeStops();
        // a new eof character (or none) lets reading go on past the one that stopped it
        if (atEofChar) {
            atEofChar = false;
            eof = false;
        }
    }

    /**
     * At the start of a read: an end of data seen before is asked again (a file may have grown,
     * as Tcl reads the device again), unless the eof character ended the data.
     */
    private void retryEof() {
        if (driverEof && !atEofChar && rawPos == rawEnd) driverEof = false;
    }

    public void setOutputEofChar(int c) { outEofChar = c; }

    private void computeStops() {
        boolean[] ls = new boolean[128];
        switch (inTranslation) {
            case LF: case CRLF: ls['\n'] = true; break;
            case CR: ls['\r'] = true; break;
            default: ls['\r'] = true; ls['\n'] = true;
        }
        boolean[] rs = null;
        if (inEofChar >= 0) {
            ls[inEofChar] = true;
            rs = new boolean[128];
            rs[inEofChar] = true;
        }
        lineStop = ls;
        readStop = rs;
    }

    // ======================================================================================
    // Input
    // ======================================================================================

    public boolean eof() { return eof; }

    public boolean blocked() { return blocked; }

    /**
     * Whether a read would find data or end of data without waiting: the event loop's test for
     * a readable fileevent (level-triggered).
     */
    public boolean inputReady() {
        return rawPos < rawEnd || atEofChar || driverEof || driver.inputReady();
    }

    /**
     * Whether no end-of-line translation is half done (a \r seen in auto mode whose \n may
     * follow): then the buffered bytes can be read raw and translated by the reader.
     */
    public boolean translationIdle() { return !needNL; }

    /** Bytes read from the device and not yet consumed (chan pending input). */
    public int pendingInput() { return rawEnd - rawPos; }

    /**
     * Reads more bytes from the driver. Returns the count, 0 when none are available now
     * (non-blocking), -1 at end of data.
     */
    private int fill() throws IOException { return fill(Math.max(bufferSize, 1)); }

    /** Reads up to want more bytes from the driver (see fill()). */
    private int fill(int want) throws IOException {
        if (driverEof) return -1;
        int keep = mark >= 0 ? Math.min(mark, rawPos) : rawPos;
        if (keep > 0) {
            System.arraycopy(raw, keep, raw, 0, rawEnd - keep);
            rawEnd -= keep;
            rawPos -= keep;
            if (mark >= 0) mark -= keep;
        }
        if (raw.length - rawEnd < want) raw = java.util.Arrays.copyOf(raw, Math.max(raw.length * 2, rawEnd + want));
        int n = readDevice(raw, rawEnd, want);
        if (n > 0) rawEnd += n;
        return n;
    }

    /** Reads up to want bytes from the driver into to[at...]; -1 at end of data (remembered). */
    private int readDevice(byte[] to, int at, int want) throws IOException {
        if (driverEof) return -1;
        // on a file, what was written must land before reading on (Tcl's WillRead)
        if (out.length() > 0 && driver.seekable()) flush();
        int n = driver.read(to, at, want);
        if (n < 0) {
            driverEof = true;
            lastFillFull = false;
            return -1;
        }
        lastFillFull = n == want;
        return n;
    }

    /** step() results: input used up, end of line, eof character, more may be decoded at once. */
    private static final int NEED = 0, EOL = 1, EOFCHAR = 2, MORE = 3;

    /**
     * Decodes one chunk from the raw buffer (never reading the device, except to look past a
     * \r in auto mode), translates it and appends it to sb. In line mode stops after an end of
     * line, which is not appended. Returns EOL, EOFCHAR, MORE (the chunk filled up; call again)
     * or NEED (the buffered bytes are used up, or end inside a character or a \r\n pair).
     */
    private int step(StringBuilder sb, int max, boolean lineMode) throws IOException {
        if (cbuf.length == 0) cbuf = new char[8192];
        if (needNL) {
            int p = peekChar('\n');
            if (p < 0) return NEED;
            needNL = false;
        }
        if (!lineMode && inTranslation == LF && inEofChar < 0 && encoding instanceof ByteEncoding) {
            // one byte per character, nothing to translate or stop at: the bytes are the text's
            // Latin-1 form, appended at once (bulk reads of binary sockets and files)
            int n = Math.min(rawEnd - rawPos, max);
            sb.append(new String(raw, rawPos, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            rawPos += n;
            return rawPos < rawEnd ? MORE : NEED;
        }
        int room = Math.min(cbuf.length, max);
        decoder.inPos = rawPos;
        decoder.outPos = 0;
        int st = decoder.decode(raw, rawEnd, cbuf, room, lineMode ? lineStop : readStop, driverEof);
        if (decoder.outPos == 0 && st == TclEncoding.Decoder.FULL) {
            // one character wanted and the next is a surrogate pair: take both halves
            decoder.inPos = rawPos;
            st = decoder.decode(raw, rawEnd, cbuf, 2, lineMode ? lineStop : readStop, driverEof);
        }
        rawPos = decoder.inPos;
        int k = decoder.outPos;
        boolean stopped = st == TclEncoding.Decoder.STOPPED;
        if (stopped && inEofChar >= 0 && cbuf[k - 1] == inEofChar) {
            rawPos = decoder.lastStart;
            translateInto(sb, k - 1, inTranslation);
            atEofChar = true;
            return EOFCHAR;
        }
        if (lineMode && stopped) {
            switch (inTranslation) {
                case CRLF: {
                    int lineStart = sb.length() - lineLength;
                    sb.append(cbuf, 0, k);
                    lineLength += k;
                    int n = sb.length();
                    // Tcl's scan skips the character after a \r that does not start a \r\n,
                    // so in a run of \r before the \n only an odd-numbered one can end the line
                    int run = 0;
                    while (n - 2 - run >= lineStart && sb.charAt(n - 2 - run) == '\r') run++;
                    if (run % 2 == 1) {
                        sb.setLength(n - 2);
                        return EOL;
                    }
                    return MORE; // a lone \n is text in crlf mode
                }
                case AUTO:
                    sb.append(cbuf, 0, k - 1);
                    if (cbuf[k - 1] == '\r') peekNewline();
                    return EOL;
                default:
                    sb.append(cbuf, 0, k - 1);
                    return EOL;
            }
        }
        if (inTranslation == CRLF && k > 0 && cbuf[k - 1] == '\r' && !lineMode) {
            // a \r at the end may begin a \r\n: look at the next character
            int crStart = decoder.lastStart;
            translateInto(sb, k - 1, CRLF);
            int p = peekChar('\n');
            if (p < 0) {
                rawPos = crStart;
                return NEED;
            }
            sb.append(p == 1 ? '\n' : '\r');
            return st == TclEncoding.Decoder.FULL ? MORE : NEED;
        }
        if (lineMode) lineLength += k;
        translateInto(sb, k, lineMode && inTranslation != CR ? LF : inTranslation);
        return st == TclEncoding.Decoder.FULL ? MORE : NEED;
    }

    /** Appends cbuf[0, k) to sb, translating ends of line for input mode t. */
    private void translateInto(StringBuilder sb, int k, int t) {
        switch (t) {
            case LF:
                sb.append(cbuf, 0, k);
                return;
            case CR:
                // cbuf is scratch space: translate in place, append in one go
                for (int i = 0; i < k; i++) if (cbuf[i] == '\r') cbuf[i] = '\n';
                sb.append(cbuf, 0, k);
                return;
            default:
                boolean auto = t == AUTO;
                int i = 0;
                while (i < k) {
                    // the text up to the next \r goes as one run
                    int run = i;
                    while (run < k && cbuf[run] != '\r') run++;
                    if (run > i) {
                        sb.append(cbuf, i, run - i);
                        i = run;
                        continue;
                    }
                    i++; // the \r
                    if (i < k) {
                        if (cbuf[i] == '\n') {
                            i++;
                            sb.append('\n');
                        } else {
                            sb.append(auto ? '\n' : '\r');
                        }
                    } else if (auto) {
                        sb.append('\n');
                        needNL = true;
                    } else {
                        sb.append('\r');
                    }
                }
        }
    }

    /**
     * Consumes the next character if it is {@code want}. Returns 1 if consumed, 0 if the next
     * character is another one (nothing consumed) or there is none at end of data, -1 if more
     * input is needed to tell.
     */
    private int peekChar(char want) {
        if (rawPos >= rawEnd) return driverEof ? 0 : -1;
        if (cbuf.length == 0) cbuf = new char[8192];
        int save = rawPos;
        decoder.inPos = rawPos;
        decoder.outPos = 0;
        decoder.decode(raw, rawEnd, cbuf, 2, ALL_STOP, driverEof);
        if (decoder.outPos == 0) {
            rawPos = driverEof ? decoder.inPos : save;
            return driverEof ? 0 : -1;
        }
        if (cbuf[0] == want) {
            rawPos = decoder.inPos;
            return 1;
        }
        rawPos = save;
        return 0;
    }

    private static final boolean[] ALL_STOP = new boolean[128];
    static { java.util.Arrays.fill(ALL_STOP, true); }

    /** After a line ended by \r in auto mode: consume a \n that follows, if one is known. */
    private void peekNewline() throws IOException {
        if (rawPos >= rawEnd && !driverEof && blocking && lastFillFull) fill();
        if (peekChar('\n') < 0) needNL = true;
    }

    /**
     * gets: appends the next line (without its end of line) to sb and returns its length, or -1
     * at end of data or when a non-blocking channel has no complete line (the partial line stays
     * buffered and {@link #blocked()} is set).
     */
    public int gets(StringBuilder sb) throws IOException {
        blocked = false;
        if (atEofChar) {
            eof = true;
            return -1;
        }
        retryEof();
        eof = false;
        shortFill = false;
        int start = sb.length();
        lineLength = 0;
        mark = rawPos;
        boolean saveNeedNL = needNL;
        try {
            while (true) {
                int st = step(sb, Integer.MAX_VALUE, true);
                if (st == EOL) return sb.length() - start;
                if (st == EOFCHAR) {
                    eof = true;
                    return sb.length() > start ? sb.length() - start : -1;
                }
                if (st == MORE) continue;
                if (driverEof) {
                    eof = true;
                    return sb.length() > start ? sb.length() - start : -1;
                }
                // non-blocking: after a short read the device has nothing more for now (Tcl
                // does not read again in the same operation)
                int n = !blocking && shortFill ? 0 : fill();
                if (n > 0 && !lastFillFull) shortFill = true;
                if (n == 0) {
                    blocked = true;
                    rawPos = mark;
                    needNL = saveNeedNL;
                    decoder.reset();
                    sb.setLength(start);
                    return -1;
                }
            }
        } finally {
            mark = -1;
        }
    }

    /**
     * read: appends up to max characters (Integer.MAX_VALUE: everything up to end of data) to sb.
     * A non-blocking channel returns what is available and sets {@link #blocked()}.
     */
    public void read(StringBuilder sb, int max) throws IOException {
        blocked = false;
        if (atEofChar) {
            eof = true;
            return;
        }
        retryEof();
        eof = false;
        shortFill = false;
        int start = sb.length();
        while (true) {
            int got = sb.length() - start;
            if (got >= max) return;
            int st = step(sb, max - got, false);
            if (st == EOFCHAR) {
                eof = true;
                return;
            }
            if (st == MORE) continue;
            // the count may be complete just as the buffered bytes ran out: a socket whose peer
            // sent exactly that much must not be asked for more
            if (sb.length() - start >= max) return;
            if (driverEof) {
                eof = true;
                return;
            }
            int n = !blocking && shortFill ? 0 : fill();
            if (n > 0 && !lastFillFull) shortFill = true;
            if (n == 0) {
                blocked = true;
                return;
            }
        }
    }

    /** The most readBytes asks of the device at once, whatever the buffer size. */
    private static final int BULK_READ = 64 * 1024;

    /**
     * Reads raw bytes, bypassing encoding and translation (fcopy between binary channels, pumps
     * feeding a process, the websocket package). Returns the count, 0 if none are available now,
     * -1 at end of data. A read of at least a buffer's worth with nothing buffered goes from the
     * device straight into b.
     */
    public int readBytes(byte[] b, int off, int len) throws IOException {
        blocked = false;
        if (atEofChar) {
            eof = true;
            return -1;
        }
        retryEof();
        if (rawPos == rawEnd) {
            boolean direct = len >= Math.max(bufferSize, 1) && inEofChar < 0 && mark < 0;
            // a reader of large blocks (fcopy) reads the device in large blocks too
            int n = direct ? readDevice(b, off, Math.min(len, BULK_READ))
                    : fill(Math.max(Math.max(bufferSize, 1), Math.min(len, BULK_READ)));
            if (n < 0) {
                eof = true;
                return -1;
            }
            if (n == 0) {
                blocked = true;
                return 0;
            }
            if (direct) return n;
        }
        int n = Math.min(len, rawEnd - rawPos);
        if (inEofChar >= 0) {
            for (int i = 0; i < n; i++) {
                if (raw[rawPos + i] == inEofChar) {
                    n = i;
                    atEofChar = true;
                    break;
                }
            }
            if (n == 0 && atEofChar) {
                eof = true;
                return -1;
            }
        }
        System.arraycopy(raw, rawPos, b, off, n);
        rawPos += n;
        return n;
    }

    /**
     * Copies up to len bytes of input into b without consuming them: what a later read will
     * return first. When fewer than len are buffered, the device is read once (without waiting
     * if the channel is non-blocking). Returns the count, or -1 at end of data with nothing
     * buffered. For a server that tells protocols apart by a connection's first bytes before
     * handing the channel on unread (TclServer's WebSocket transport).
     */
    public int peekBytes(byte[] b, int off, int len) throws IOException {
        if (rawEnd - rawPos < len && !driverEof && !atEofChar) fill();
        if (rawPos == rawEnd && (driverEof || atEofChar)) return -1;
        int n = Math.min(len, rawEnd - rawPos);
        System.arraycopy(raw, rawPos, b, off, n);
        return n;
    }

    // ======================================================================================
    // Output
    // ======================================================================================

    /** Bytes waiting in the output buffer (chan pending output). */
    public int pendingOutput() { return out.length(); }

    /**
     * On a file, writing after reading starts where the script has read to, not where the device
     * has read ahead to: give the read-ahead back (Tcl's WillWrite).
     */
    private void willWrite() throws IOException {
        if (rawEnd > rawPos && driver.seekable()) {
            driver.seek(-(rawEnd - rawPos), ChannelDriver.SEEK_CUR);
            rawPos = rawEnd = 0;
            driverEof = false;
            needNL = false;
            decoder.reset();
        }
    }

    /** puts: translates, encodes and buffers s, flushing as the buffering mode says. */
    public void write(CharSequence s) throws IOException {
        willWrite();
        // nlEnd: where the output of the last newline ends (line buffering flushes up to it)
        int nlEnd = -1;
        int n = s.length();
        if (outTranslation == CR || outTranslation == CRLF) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) != '\n') continue;
                encoder.encode(s, from, i, out);
                encoder.encode(outTranslation == CR ? "\r" : "\r\n", 0, outTranslation == CR ? 1 : 2, out);
                nlEnd = out.length();
                from = i + 1;
            }
            encoder.encode(s, from, n, out);
        } else if (buffering == Buffering.LINE) {
            int last = -1;
            for (int i = n - 1; i >= 0; i--) if (s.charAt(i) == '\n') { last = i; break; }
            encoder.encode(s, 0, last + 1, out);
            if (last >= 0) nlEnd = out.length();
            encoder.encode(s, last + 1, n, out);
        } else {
            encoder.encode(s, 0, n, out);
        }
        afterWrite(nlEnd);
    }

    /** Writes bytes as they are (fcopy, pumps from processes). */
    public void writeBytes(byte[] b, int off, int len) throws IOException {
        willWrite();
        int start = out.length();
        out.append(b, off, len);
        int nlEnd = -1;
        if (buffering == Buffering.LINE) {
            for (int i = len - 1; i >= 0; i--) if (b[off + i] == '\n') { nlEnd = start + i + 1; break; }
        }
        afterWrite(nlEnd);
    }

    private void afterWrite(int nlEnd) throws IOException {
        if (driver.flushEachWrite()) {
            flush();
            return;
        }
        switch (buffering) {
            case NONE:
                flush();
                break;
            case LINE:
                if (nlEnd >= 0) {
                    // Tcl writes out the buffers up to the one holding the newline, and any
                    // later buffer that is already full
                    int upTo = Math.max((nlEnd + bufferSize - 1) / bufferSize * bufferSize,
                            out.length() / bufferSize * bufferSize);
                    upTo = Math.min(out.length(), upTo);
                    writeOut(upTo);
                    if (out.length() == 0) driver.flush();
                } else if (out.length() >= bufferSize) {
                    writeFullBuffers();
                }
                break;
            default:
                if (out.length() >= bufferSize) writeFullBuffers();
        }
    }

    /** Writes the first n bytes of the output buffer to the device. */
    private void writeOut(int n) throws IOException {
        if (n <= 0) return;
        if (!runsScripts(driver)) {
            // drivers copy what they keep, so the buffer itself can be written: one copy less
            // per buffer on the bulk path; consumed even when the write fails, as below
            try {
                driver.write(out.array(), 0, n);
            } finally {
                out.consume(n);
            }
            driver.flush();
            return;
        }
        byte[] b = java.util.Arrays.copyOf(out.array(), n);
        out.consume(n);
        driver.write(b, 0, n);
        driver.flush();
    }

    /**
     * Whether writes run a script (chan create, chan push) that might write to this channel
     * again: then the buffer may change under the driver, which gets a copy.
     */
    private static boolean runsScripts(ChannelDriver d) {
        return d instanceof ReflectedDriver || d instanceof TransformDriver;
    }

    /** Full buffering writes whole buffers only; the rest waits for more output (as in Tcl). */
    private void writeFullBuffers() throws IOException {
        writeOut(out.length() / bufferSize * bufferSize);
    }

    /** Writes the output buffer to the device. */
    public void flush() throws IOException {
        if (out.length() > 0 && !runsScripts(driver)) {
            // cleared even when the write fails: a failing device must not make every later
            // flush fail again
            try {
                driver.write(out.array(), 0, out.length());
            } finally {
                out.clear();
            }
        } else if (out.length() > 0) {
            // clear first: a failing device must not make every later flush fail again
            byte[] b = out.toArray();
            out.clear();
            driver.write(b, 0, b.length);
        }
        driver.flush();
    }

    // ======================================================================================
    // Position
    // ======================================================================================

    /** tell: the device position of the next byte to read or write, or -1. */
    public long tell() throws IOException {
        long p = driver.position();
        if (p < 0) return -1;
        return p - (rawEnd - rawPos) + out.length();
    }

    /** seek: flushes output, discards buffered input and moves the device. */
    public void seek(long offset, int whence) throws IOException {
        if (writable) flush();
        if (whence == ChannelDriver.SEEK_CUR) offset -= (rawEnd - rawPos);
        driver.seek(offset, whence);
        rawPos = rawEnd = 0;
        driverEof = false;
        eof = false;
        atEofChar = false;
        needNL = false;
        blocked = false;
        decoder.reset();
    }

    public void truncate(long length) throws IOException {
        if (writable) flush();
        driver.truncate(length);
    }

    // ======================================================================================
    // Closing
    // ======================================================================================

    /**
     * Closes the channel: flushes output (with the output eof character and the encoding's
     * closing sequence) and releases the driver. The driver is released even when the flush fails;
     * the first error is reported.
     */
    public void close() throws IOException, TclException {
        close(false);
    }

    /** As close; at exit a driver does not wait (for the processes of a pipeline). */
    public void close(boolean atExit) throws IOException, TclException {
        if (closed) return;
        closed = true;
        IOException flushError = null;
        if (writable) {
            try {
                finishOutput();
                flush();
            } catch (IOException e) {
                flushError = e;
            }
        }
        try {
            if (atExit) driver.closeAtExit();
            else driver.close();
        } catch (IOException e) {
            if (flushError == null) flushError = e;
        }
        if (flushError != null) throw flushError;
    }

    private void finishOutput() {
        encoder.finish(out);
        if (outEofChar >= 0) encoder.encode(String.valueOf((char) outEofChar), 0, 1, out);
    }

    /**
     * chan push: stacks a transformation; output written so far goes down untransformed, input
     * read ahead and not consumed yet goes up through the transformation.
     */
    void pushDriver(TransformDriver top) throws IOException {
        if (writable) flush();
        if (rawEnd > rawPos) {
            top.unread(java.util.Arrays.copyOfRange(raw, rawPos, rawEnd));
            rawPos = rawEnd = 0;
        }
        // the end of data was the old driver's: the new one is asked again
        driverEof = false;
        driver = top;
    }

    /** chan pop: removes the topmost transformation; false when there is none. */
    public boolean popDriver() throws IOException {
        if (!(driver instanceof TransformDriver t)) return false;
        if (writable) flush();
        byte[] back;
        try {
            back = t.pop();
        } finally {
            // as in Tcl, the transformation is gone even when ending it failed
            driver = t.below();
            // input the transformation had produced is no longer wanted, and the end of data
            // was the transformation's: the driver below is asked again
            rawPos = rawEnd = 0;
            driverEof = false;
        }
        if (back.length > 0) {
            // what it read from below and did not use is input again, and the channel is not at
            // its end (Tcl's zlib transformation ungets it)
            if (raw.length < back.length) raw = new byte[back.length];
            System.arraycopy(back, 0, raw, 0, back.length);
            rawEnd = back.length;
            eof = blocked = atEofChar = needNL = false;
            decoder.reset();
        }
        return true;
    }

    /** Half-close: closes one direction. Returns false if the driver cannot. */
    public boolean closeHalf(boolean readSide) throws IOException, TclException {
        if (readSide) {
            if (!driver.closeRead()) return false;
            readable = false;
            rawPos = rawEnd = 0;
        } else {
            finishOutput();
            flush();
            if (!driver.closeWrite()) return false;
            writable = false;
        }
        return true;
    }

    @Override
    public String toString() { return name; }
}
