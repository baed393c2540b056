package dev.tclj.cmd;

import dev.tclj.Command;
import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.ZlibCodec.GzipHeader;
import dev.tclj.cmd.ZlibCodec.ZlibError;
import dev.tclj.io.Channel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The zlib command of Tcl 8.6: one-shot compress/decompress, deflate/inflate and gzip/gunzip,
 * crc32 and adler32, {@code zlib stream}, whose streams are commands named
 * {@code ::tcl::zlib::streamcmd_N} (add put get flush fullflush finalize close eof checksum
 * header reset), and {@code zlib push}, which stacks a compressing or decompressing
 * {@link ZlibTransform} on a channel. The engine is {@link ZlibCodec}.
 */
public final class ZlibCmd {
    private ZlibCmd() {}

    private static final String[] COMMANDS = {"adler32", "compress", "crc32", "decompress", "deflate", "gunzip",
            "gzip", "inflate", "push", "stream"};
    private static final String[] MODES = {"compress", "decompress", "deflate", "gunzip", "gzip", "inflate"};
    /**
     * The choices Tcl offers for a gzip header's type. Tcl's table lacks its terminator and runs on
     * into the zlib subcommand names, which tclsh therefore accepts and lists; so does tclj.
     */
    private static final String[] HEADER_TYPES = {"binary", "text", "adler32", "compress", "crc32", "decompress",
            "deflate", "gunzip", "gzip", "inflate", "push", "stream"};
    private static final int MAX_BUFFER_SIZE = 65536, MIN_NONSTREAM_BUFFER_SIZE = 16;
    private static final int MAXPATHLEN = 4096, MAX_COMMENT_LEN = 256;

    public static void register(Interp interp) {
        interp.createCommand("zlib", ZlibCmd::invoke);
        interp.createNamespace("::tcl::zlib", interp.globalNamespace());
        try {
            interp.setVar("::tcl::zlib::cmdcounter", TclObj.of(0));
        } catch (TclException e) {
            throw new IllegalStateException(e);
        }
        PackageCmd.provide(interp, "zlib", "2.0.1");
    }

    static TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "command arg ?...?");
        int objc = objv.length;
        String cmd = COMMANDS[Subcommands.index(objv[1], COMMANDS, "command")];
        switch (cmd) {
            case "adler32", "crc32" -> {
                if (objc < 3 || objc > 4) throw TclException.wrongArgs(objv, 2, "data ?startValue?");
                boolean crc = cmd.equals("crc32");
                int start = objc > 3 ? FormatCmd.intArg(objv[3]) : crc ? 0 : 1;
                byte[] data = BinaryCmd.byteArray(objv[2].toString());
                int v = crc ? ZlibCodec.crc32(start, data, 0, data.length) : ZlibCodec.adler32(start, data, 0, data.length);
                return TclObj.of(v & 0xFFFFFFFFL);
            }
            case "deflate" -> { return compressCmd(objv, ZlibCodec.RAW); }
            case "compress" -> { return compressCmd(objv, ZlibCodec.ZLIB); }
            case "gzip" -> { return gzipCmd(interp, objv); }
            case "inflate" -> { return decompressCmd(objv, ZlibCodec.RAW); }
            case "decompress" -> { return decompressCmd(objv, ZlibCodec.ZLIB); }
            case "gunzip" -> { return gunzipCmd(interp, objv); }
            case "stream" -> { return streamCmd(interp, objv); }
            default -> { return pushCmd(interp, objv); }
        }
    }

    // ======================================================================================
    // One-shot operations
    // ======================================================================================

    private static TclException badLevel() {
        return TclException.error("level must be 0 to 9", "TCL", "VALUE", "COMPRESSIONLEVEL");
    }

    /** The level error with the errorInfo line Tcl adds for the -level option. */
    private static TclException badLevelOption(Interp interp) {
        TclException e = badLevel();
        interp.addErrorInfo(e, "\n    (in -level option)");
        return e;
    }

    private static TclException badBuffer(int min) {
        return TclException.error("buffer size must be " + min + " to " + MAX_BUFFER_SIZE,
                "TCL", "VALUE", "BUFFERSIZE");
    }

    private static TclObj bytes(byte[] b) { return TclObj.of(BinaryCmd.bytesToString(b, 0, b.length)); }

    private static TclObj compressCmd(TclObj[] objv, int format) throws TclException {
        if (objv.length < 3 || objv.length > 4) throw TclException.wrongArgs(objv, 2, "data ?level?");
        int level = -1;
        if (objv.length > 3) {
            level = FormatCmd.intArg(objv[3]);
            if (level < 0 || level > 9) throw badLevel();
        }
        try {
            return bytes(ZlibCodec.compress(format, BinaryCmd.byteArray(objv[2].toString()), level, null));
        } catch (ZlibError e) {
            throw e.toTcl();
        }
    }

    private static TclObj gzipCmd(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        int level = -1;
        TclObj headerDict = null;
        // the old form: zlib gzip data level
        if (objc == 4 && objv[3].toInteger()) {
            level = FormatCmd.intArg(objv[3]);
            if (level < 0 || level > 9) throw badLevelOption(interp);
        } else {
            if (objc < 3 || objc > 7 || (objc & 1) == 0) {
                throw TclException.wrongArgs(objv, 2, "data ?-level level? ?-header header?");
            }
            for (int i = 3; i < objc; i += 2) {
                if (Subcommands.index(objv[i], new String[]{"-header", "-level"}, "option") == 0) {
                    headerDict = objv[i + 1];
                } else {
                    level = FormatCmd.intArg(objv[i + 1]);
                    if (level < 0 || level > 9) throw badLevelOption(interp);
                }
            }
        }
        GzipHeader h = headerDict == null ? null : generateHeader(headerDict);
        try {
            return bytes(ZlibCodec.compress(ZlibCodec.GZIP, BinaryCmd.byteArray(objv[2].toString()), level, h));
        } catch (ZlibError e) {
            throw e.toTcl();
        }
    }

    private static TclObj decompressCmd(TclObj[] objv, int format) throws TclException {
        if (objv.length < 3 || objv.length > 4) throw TclException.wrongArgs(objv, 2, "data ?bufferSize?");
        if (objv.length > 3) {
            int size = FormatCmd.intArg(objv[3]);
            if (size < MIN_NONSTREAM_BUFFER_SIZE || size > MAX_BUFFER_SIZE) throw badBuffer(MIN_NONSTREAM_BUFFER_SIZE);
        }
        try {
            return bytes(ZlibCodec.decompress(format, BinaryCmd.byteArray(objv[2].toString()), null));
        } catch (ZlibError e) {
            throw e.toTcl();
        }
    }

    private static TclObj gunzipCmd(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 3 || objc > 5 || (objc & 1) == 0) {
            throw TclException.wrongArgs(objv, 2, "data ?-headerVar varName?");
        }
        String headerVar = null;
        for (int i = 3; i < objc; i += 2) {
            if (Subcommands.index(objv[i], new String[]{"-buffersize", "-headerVar"}, "option") == 0) {
                int size = FormatCmd.intArg(objv[i + 1]);
                if (size < MIN_NONSTREAM_BUFFER_SIZE || size > MAX_BUFFER_SIZE) {
                    throw badBuffer(MIN_NONSTREAM_BUFFER_SIZE);
                }
            } else {
                headerVar = objv[i + 1].toString();
            }
        }
        GzipHeader h = headerVar != null ? new GzipHeader() : null;
        byte[] out;
        try {
            out = ZlibCodec.decompress(ZlibCodec.GZIP, BinaryCmd.byteArray(objv[2].toString()), h);
        } catch (ZlibError e) {
            throw e.toTcl();
        }
        if (headerVar != null) {
            TclDict d = headerDict(h, MAXPATHLEN - 1, MAX_COMMENT_LEN - 1);
            d = d.put(TclObj.of("size"), TclObj.of(out.length));
            interp.setVar(headerVar, TclObj.ofDict(d));
        }
        return bytes(out);
    }

    // ======================================================================================
    // zlib push
    // ======================================================================================

    private static final String[] PUSH_COMPRESS_OPTIONS = {"-dictionary", "-header", "-level"};
    /** Tcl takes -header and -level for decompression too, checks them and does not use them. */
    private static final String[] PUSH_DECOMPRESS_OPTIONS = {"-dictionary", "-header", "-level", "-limit"};
    private static final int DEFAULT_READ_LIMIT = 4096;

    /** zlib push mode channel ?options...?: stacks a {@link ZlibTransform}; returns the channel. */
    private static TclObj pushCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "mode channel ?options...?");
        String mode = MODES[Subcommands.index(objv[2], MODES, "mode")];
        boolean compress = mode.equals("compress") || mode.equals("deflate") || mode.equals("gzip");
        int format = switch (mode) {
            case "compress", "decompress" -> ZlibCodec.ZLIB;
            case "gzip", "gunzip" -> ZlibCodec.GZIP;
            default -> ZlibCodec.RAW;
        };
        Channel c = ChannelCmds.channel(interp, objv[3]);
        if (compress && !c.isWritable()) {
            throw TclException.error("compression may only be applied to writable channels", "TCL", "ZIP", "UNWRITABLE");
        }
        if (!compress && !c.isReadable()) {
            throw TclException.error("decompression may only be applied to readable channels", "TCL", "ZIP", "UNREADABLE");
        }
        String[] opts = compress ? PUSH_COMPRESS_OPTIONS : PUSH_DECOMPRESS_OPTIONS;
        int level = -1, limit = DEFAULT_READ_LIMIT;
        TclObj header = null, dictionary = null;
        for (int i = 4; i < objv.length; i++) {
            String opt = opts[Subcommands.index(objv[i], opts, "option")];
            if (++i == objv.length) {
                throw TclException.error("value missing for " + opt + " option", "TCL", "ZIP", "NOVAL");
            }
            try {
                switch (opt) {
                    case "-header" -> {
                        objv[i].asDict();
                        header = objv[i];
                    }
                    case "-level" -> {
                        level = FormatCmd.intArg(objv[i]);
                        if (level < 0 || level > 9) throw badLevel();
                    }
                    case "-limit" -> {
                        limit = FormatCmd.intArg(objv[i]);
                        if (limit < 1 || limit > MAX_BUFFER_SIZE) {
                            throw TclException.error("read ahead limit must be 1 to " + MAX_BUFFER_SIZE,
                                    "TCL", "VALUE", "BUFFERSIZE");
                        }
                    }
                    default -> {
                        if (format == ZlibCodec.GZIP) {
                            throw TclException.error("a compression dictionary may not be set in the gzip format",
                                    "TCL", "ZIP", "BADOPT");
                        }
                        dictionary = objv[i];
                    }
                }
            } catch (TclException e) {
                interp.addErrorInfo(e, "\n    (in " + opt + " option)");
                throw e;
            }
        }
        if (compress) {
            // the header is gzip's only; its errors are not an option's
            GzipHeader h = header != null && format == ZlibCodec.GZIP ? generateHeader(header) : null;
            ZlibTransform.pushCompressor(c, format, level, h, dictionary);
        } else {
            ZlibTransform.pushDecompressor(c, format, limit, dictionary);
        }
        return objv[3];
    }

    // ======================================================================================
    // gzip header dictionaries
    // ======================================================================================

    /** GenerateHeader: reads comment, crc, filename, os, time and type from a dict. */
    private static GzipHeader generateHeader(TclObj dictObj) throws TclException {
        TclDict d = dictObj.asDict();
        GzipHeader h = new GzipHeader();
        TclObj v;
        if ((v = d.get("comment")) != null) h.comment = latin1(v.toString(), MAX_COMMENT_LEN - 1);
        if ((v = d.get("crc")) != null) h.hcrc = v.asBoolean();
        if ((v = d.get("filename")) != null) h.filename = latin1(v.toString(), MAXPATHLEN - 1);
        if ((v = d.get("os")) != null) h.os = FormatCmd.intArg(v) & 0xFF;
        if ((v = d.get("time")) != null) h.time = BinaryCmd.integerArg(v);
        if ((v = d.get("type")) != null) h.text = exactIndex(v, HEADER_TYPES, "type");
        return h;
    }

    /** A string in ISO 8859-1 (other characters become ?), at most max bytes. */
    private static String latin1(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; ) {
            int cp = s.codePointAt(i);
            sb.append(cp <= 0xFF ? (char) cp : '?');
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static int exactIndex(TclObj word, String[] choices, String what) throws TclException {
        String w = word.toString();
        for (int i = 0; i < choices.length; i++) if (choices[i].equals(w)) return i;
        StringBuilder sb = new StringBuilder("bad ").append(what).append(" \"").append(w).append("\": must be ");
        Subcommands.appendChoices(sb, List.of(choices));
        throw TclException.error(sb.toString(), "TCL", "LOOKUP", "INDEX", what, w);
    }

    /** ExtractHeader: the dict of a parsed header, strings cut to the buffer sizes Tcl gives zlib. */
    private static TclDict headerDict(GzipHeader h, int nameMax, int commentMax) {
        TclDict d = TclDict.EMPTY;
        if (h.comment != null) d = d.put(TclObj.of("comment"), TclObj.of(cut(h.comment, commentMax)));
        d = d.put(TclObj.of("crc"), TclObj.of(h.hcrc ? 1 : 0));
        if (h.filename != null) d = d.put(TclObj.of("filename"), TclObj.of(cut(h.filename, nameMax)));
        if (h.os != 255) d = d.put(TclObj.of("os"), TclObj.of(h.os));
        if (h.time != 0) d = d.put(TclObj.of("time"), TclObj.of(h.time));
        if (h.text != 2) d = d.put(TclObj.of("type"), TclObj.of(h.text != 0 ? "text" : "binary"));
        return d;
    }

    private static String cut(String s, int max) { return s.length() > max ? s.substring(0, max) : s; }

    /** The dict of a header a gunzip transformation has read (Tcl gives zlib full buffers there). */
    static TclDict pushedHeaderDict(GzipHeader h) { return headerDict(h, MAXPATHLEN - 1, MAX_COMMENT_LEN - 1); }

    /** The dict of a header zlib has not filled yet: Tcl shows its zeroed buffers. */
    static TclDict unreadHeaderDict() {
        return TclDict.EMPTY.put(TclObj.of("comment"), TclObj.EMPTY).put(TclObj.of("crc"), TclObj.of(0))
                .put(TclObj.of("filename"), TclObj.EMPTY).put(TclObj.of("os"), TclObj.of(0))
                .put(TclObj.of("type"), TclObj.of("binary"));
    }

    // ======================================================================================
    // zlib stream
    // ======================================================================================

    private static TclObj streamCmd(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 3 || (objc & 1) == 0) throw TclException.wrongArgs(objv, 2, "mode ?-option value...?");
        String mode = MODES[Subcommands.index(objv[2], MODES, "mode")];
        String[] opts = switch (mode) {
            case "compress", "deflate" -> new String[]{"-dictionary", "-level"};
            case "gzip" -> new String[]{"-header", "-level"};
            case "decompress", "inflate" -> new String[]{"-dictionary"};
            default -> new String[0];
        };
        TclObj dict = null, header = null, levelObj = null;
        for (int i = 3; i < objc; i += 2) {
            if (opts.length == 0) {
                String w = objv[i].toString();
                throw TclException.error("bad option \"" + w + "\": no valid options", "TCL", "LOOKUP", "INDEX", "option", w);
            }
            switch (opts[Subcommands.index(objv[i], opts, "option")]) {
                case "-dictionary" -> dict = objv[i + 1];
                case "-header" -> header = objv[i + 1];
                default -> levelObj = objv[i + 1];
            }
        }
        int level = -1;
        if (levelObj != null) {
            level = FormatCmd.intArg(levelObj);
            if (level < 0 || level > 9) throw badLevelOption(interp);
        }
        int format = switch (mode) {
            case "compress", "decompress" -> ZlibCodec.ZLIB;
            case "gzip", "gunzip" -> ZlibCodec.GZIP;
            default -> ZlibCodec.RAW;
        };
        boolean deflate = mode.equals("compress") || mode.equals("deflate") || mode.equals("gzip");
        ZlibStream zs = deflate
                ? new ZlibStream(new ZlibCodec.Compressor(format, level, header == null ? null : generateHeader(header)))
                : new ZlibStream(new ZlibCodec.Decompressor(format));
        if (dict != null) zs.setDictionary(dict);
        String n = interp.eval(TclObj.of("::incr ::tcl::zlib::cmdcounter")).toString();
        String name = "::tcl::zlib::streamcmd_" + n;
        if (interp.findCommand(name) != null) {
            throw TclException.error("BUG: Stream command name already exists", "TCL", "BUG", "EXISTING_CMD");
        }
        zs.entry = interp.defineCommand(name, zs);
        return TclObj.of(name);
    }

    /** A zlib stream's command (Tcl_ZlibStream with its Tcl command). */
    static final class ZlibStream implements Command {
        private static final String[] OPTIONS = {"add", "checksum", "close", "eof", "finalize", "flush",
                "fullflush", "get", "header", "put", "reset"};

        private final ZlibCodec.Compressor comp;
        private final ZlibCodec.Decompressor decomp;
        /** Compressed output not yet taken by get. */
        private final ArrayDeque<byte[]> outData = new ArrayDeque<>();
        private int outPos;
        /** Compressed input not yet decompressed. */
        private final ArrayDeque<byte[]> inData = new ArrayDeque<>();
        private boolean streamEnd;
        /**
         * The dictionary to apply. Tcl's flag that says one is pending is never cleared once set
         * (DictWasSet sets the other bits), so the dictionary is applied again at every
         * opportunity; reproduced, since it decides which later calls fail.
         */
        private byte[] dictionary;
        /** gunzip: the header as "header" reports it; after a reset it no longer follows the data. */
        private GzipHeader reportedHeader;
        private boolean headerFrozen;
        /** The stream's command, deleted by close. */
        CommandEntry entry;

        ZlibStream(ZlibCodec.Compressor c) {
            comp = c;
            decomp = null;
        }

        ZlibStream(ZlibCodec.Decompressor d) {
            comp = null;
            decomp = d;
        }

        void setDictionary(TclObj d) {
            dictionary = d == null ? null : BinaryCmd.byteArray(d.toString());
        }

        @Override
        public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
            if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "option data ?...?");
            String opt = OPTIONS[Subcommands.index(objv[1], OPTIONS, "option")];
            switch (opt) {
                case "add" -> { return add(objv); }
                case "put" -> {
                    put(objv);
                    return TclObj.EMPTY;
                }
                case "header" -> {
                    noArgs(objv);
                    if (decomp == null || decomp.format != ZlibCodec.GZIP) {
                        throw TclException.error("only gunzip streams can produce header information",
                                "TCL", "ZIP", "BADOP");
                    }
                    return TclObj.ofDict(header());
                }
                case "get" -> {
                    if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?count?");
                    int count = objv.length >= 3 ? FormatCmd.intArg(objv[2]) : -1;
                    return get(count);
                }
                case "flush" -> {
                    noArgs(objv);
                    streamPut(new byte[0], ZlibCodec.SYNC_FLUSH);
                    return TclObj.EMPTY;
                }
                case "fullflush" -> {
                    noArgs(objv);
                    streamPut(new byte[0], ZlibCodec.FULL_FLUSH);
                    return TclObj.EMPTY;
                }
                case "finalize" -> {
                    noArgs(objv);
                    streamPut(new byte[0], ZlibCodec.FINISH);
                    return TclObj.EMPTY;
                }
                case "close" -> {
                    noArgs(objv);
                    interp.deleteCommand(entry);
                    if (comp != null) comp.end(); else decomp.end();
                    return TclObj.EMPTY;
                }
                case "eof" -> {
                    noArgs(objv);
                    return TclObj.of(streamEnd ? 1 : 0);
                }
                case "checksum" -> {
                    noArgs(objv);
                    long sum = comp != null ? comp.checksum() : decomp.checksum();
                    // Tcl passes the checksum through a C int: values from 2^31 come out negative
                    return TclObj.of((long) (int) sum);
                }
                default -> {
                    noArgs(objv);
                    try {
                        reset();
                    } catch (ZlibError e) {
                        throw e.toTcl();
                    }
                    return TclObj.EMPTY;
                }
            }
        }

        private static void noArgs(TclObj[] objv) throws TclException {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, null);
        }

        private TclDict header() {
            GzipHeader h = reportedHeader;
            if (h == null) {
                if (headerFrozen || !decomp.header().done) return unreadHeaderDict();
                h = decomp.header();
            }
            // Tcl gives zlib no room for a stream's comment, and as much for its name as a comment's
            return headerDict(h, MAX_COMMENT_LEN - 1, 0);
        }

        /** Parses "?-option ...? data" for put and add; returns {flush, bufferSize}. */
        private int[] parseOptions(TclObj[] objv, boolean isAdd) throws TclException {
            String[] opts = isAdd ? new String[]{"-buffer", "-dictionary", "-finalize", "-flush", "-fullflush"}
                    : new String[]{"-dictionary", "-finalize", "-flush", "-fullflush"};
            int objc = objv.length;
            int flush = -1, buffersize = -1;
            TclObj dict = null;
            for (int i = 2; i < objc - 1; i++) {
                switch (opts[Subcommands.index(objv[i], opts, "option")]) {
                    case "-flush" -> flush = flush >= 0 ? -2 : ZlibCodec.SYNC_FLUSH;
                    case "-fullflush" -> flush = flush >= 0 ? -2 : ZlibCodec.FULL_FLUSH;
                    case "-finalize" -> flush = flush >= 0 ? -2 : ZlibCodec.FINISH;
                    case "-buffer" -> {
                        if (i == objc - 2) {
                            throw TclException.error("\"-buffer\" option must be followed by integer decompression buffersize",
                                    "TCL", "ZIP", "NOVAL");
                        }
                        buffersize = FormatCmd.intArg(objv[++i]);
                        if (buffersize < 1 || buffersize > MAX_BUFFER_SIZE) throw badBuffer(1);
                    }
                    default -> {
                        if (i == objc - 2) {
                            throw TclException.error("\"-dictionary\" option must be followed by compression dictionary bytes",
                                    "TCL", "ZIP", "NOVAL");
                        }
                        dict = objv[++i];
                    }
                }
                if (flush == -2) {
                    throw TclException.error("\"-flush\", \"-fullflush\" and \"-finalize\" options are mutually exclusive",
                            "TCL", "ZIP", "EXCLUSIVE");
                }
            }
            if (flush == -1) flush = ZlibCodec.NO_FLUSH;
            if (dict != null) setDictionary(dict.toString().isEmpty() ? null : dict);
            return new int[]{flush, buffersize};
        }

        private void put(TclObj[] objv) throws TclException {
            int[] o = parseOptions(objv, false);
            streamPut(BinaryCmd.byteArray(objv[objv.length - 1].toString()), o[0]);
        }

        private TclObj add(TclObj[] objv) throws TclException {
            int[] o = parseOptions(objv, true);
            streamPut(BinaryCmd.byteArray(objv[objv.length - 1].toString()), o[0]);
            return get(o[1]);
        }

        /** Tcl_ZlibStreamPut. */
        private void streamPut(byte[] data, int flush) throws TclException {
            if (streamEnd) throw TclException.error("already past compressed stream end", "TCL", "ZIP", "CLOSED");
            if (comp != null) {
                if (data.length == 0 && flush != ZlibCodec.FINISH) return;
                try {
                    if (dictionary != null) comp.setDictionary(dictionary);
                    byte[] out = comp.deflate(data, flush);
                    if (out.length > 0) outData.add(out);
                } catch (ZlibError e) {
                    throw e.toTcl();
                }
            } else {
                inData.add(data);
            }
        }

        /** Tcl_ZlibStreamGet: up to count bytes (all there is, or 65536 when inflating, for -1). */
        private TclObj get(int count) throws TclException {
            if (streamEnd) return TclObj.EMPTY;
            if (comp != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int want = count < 0 ? Integer.MAX_VALUE : count;
                while (want > 0 && !outData.isEmpty()) {
                    byte[] item = outData.peek();
                    int n = Math.min(want, item.length - outPos);
                    out.write(item, outPos, n);
                    outPos += n;
                    want -= n;
                    if (outPos == item.length) {
                        outData.poll();
                        outPos = 0;
                    }
                }
                return bytes(out.toByteArray());
            }
            if (count < 0) count = MAX_BUFFER_SIZE;
            while (!inData.isEmpty()) decomp.feed(inData.poll());
            byte[] buf = new byte[count];
            int produced = 0;
            try {
                if (decomp.format == ZlibCodec.RAW && dictionary != null) decomp.setDictionary(dictionary);
                while (true) {
                    produced += decomp.inflate(buf, produced, count - produced);
                    if (decomp.needsDictionary()) {
                        if (dictionary == null) {
                            throw new ZlibCodec.ZlibError("NEED_DICT", decomp.dictionaryId());
                        }
                        decomp.setDictionary(dictionary);
                        continue;
                    }
                    break;
                }
            } catch (ZlibError e) {
                throw e.toTcl();
            }
            if (decomp.ended()) {
                streamEnd = true;
            }
            if (!headerFrozen && decomp.format == ZlibCodec.GZIP && decomp.header().done && reportedHeader == null) {
                reportedHeader = copy(decomp.header());
            }
            return TclObj.of(BinaryCmd.bytesToString(buf, 0, produced));
        }

        private static GzipHeader copy(GzipHeader h) {
            GzipHeader c = new GzipHeader();
            c.filename = h.filename;
            c.comment = h.comment;
            c.hcrc = h.hcrc;
            c.text = h.text;
            c.os = h.os;
            c.time = h.time;
            c.done = true;
            return c;
        }

        private void reset() throws ZlibError {
            outData.clear();
            outPos = 0;
            inData.clear();
            streamEnd = false;
            if (comp != null) {
                comp.reset();
                // the pending dictionary goes in at once
                if (dictionary != null) comp.setDictionary(dictionary);
            } else {
                decomp.reset();
                // Tcl does not give zlib the header buffers again after a reset
                headerFrozen = true;
                if (decomp.format == ZlibCodec.RAW && dictionary != null) decomp.setDictionary(dictionary);
            }
        }
    }
}
