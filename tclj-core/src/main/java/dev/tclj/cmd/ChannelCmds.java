package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.event.BackgroundClose;
import dev.tclj.event.BackgroundCopy;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelDriver;
import dev.tclj.io.ChannelTable;
import dev.tclj.io.DriverError;
import dev.tclj.io.ReflectedDriver;
import dev.tclj.io.TransformDriver;
import dev.tclj.io.Encodings;
import dev.tclj.io.FileDriver;
import dev.tclj.io.Pipeline;
import dev.tclj.io.PosixError;
import dev.tclj.io.StreamDriver;
import dev.tclj.io.TclEncoding;
import dev.tclj.io.TclPath;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The channel commands: open close gets puts read flush eof seek tell fblocked fconfigure fcopy,
 * the chan ensemble (its event subcommands are added by EventCmds), and encoding. With
 * {@code -command}, fcopy hands the copy to the event loop ({@link BackgroundCopy}).
 *
 * <p>Each operation is written once and serves both spellings ({@code gets f} and
 * {@code chan gets f}); {@code skip} is the number of words before the arguments, for the
 * wrong # args messages.
 */
public final class ChannelCmds {
    private ChannelCmds() {}

    private static final Object CHAN_KEY = new Object();

    public static void register(Interp interp) {
        interp.createCommand("open", ChannelCmds::open);
        interp.createCommand("close", (in, objv) -> close(in, objv, 1));
        interp.createCommand("gets", (in, objv) -> gets(in, objv, 1));
        interp.createCommand("puts", (in, objv) -> puts(in, objv, 1));
        interp.createCommand("read", (in, objv) -> read(in, objv, 1));
        interp.createCommand("flush", (in, objv) -> flush(in, objv, 1));
        interp.createCommand("eof", (in, objv) -> eof(in, objv, 1));
        interp.createCommand("seek", (in, objv) -> seek(in, objv, 1));
        interp.createCommand("tell", (in, objv) -> tell(in, objv, 1));
        interp.createCommand("fblocked", (in, objv) -> blocked(in, objv, 1));
        interp.createCommand("fconfigure", (in, objv) -> configure(in, objv, 1));
        interp.createCommand("fcopy", (in, objv) -> copy(in, objv, 1));
        Subcommands chan = new Subcommands("chan")
                .add("blocked", (in, objv) -> blocked(in, objv, 2))
                .add("close", (in, objv) -> close(in, objv, 2))
                .add("configure", (in, objv) -> configure(in, objv, 2))
                .add("copy", (in, objv) -> copy(in, objv, 2))
                .add("create", ChannelCmds::create)
                .add("eof", (in, objv) -> eof(in, objv, 2))
                .add("flush", (in, objv) -> flush(in, objv, 2))
                .add("gets", (in, objv) -> gets(in, objv, 2))
                .add("names", ChannelCmds::names)
                .add("pending", ChannelCmds::pending)
                .add("pipe", ChannelCmds::pipe)
                .add("pop", ChannelCmds::pop)
                .add("push", ChannelCmds::push)
                .add("puts", (in, objv) -> puts(in, objv, 2))
                .add("read", (in, objv) -> read(in, objv, 2))
                .add("seek", (in, objv) -> seek(in, objv, 2))
                .add("tell", (in, objv) -> tell(in, objv, 2))
                .add("truncate", ChannelCmds::truncate);
        interp.setAssoc(CHAN_KEY, chan);
        interp.createCommand("chan", chan);
        interp.createCommand("encoding", new Subcommands("encoding")
                .add("convertfrom", ChannelCmds::convertFrom)
                .add("convertto", ChannelCmds::convertTo)
                .add("dirs", ChannelCmds::dirs)
                .add("names", ChannelCmds::encodingNames)
                .add("system", ChannelCmds::system));
    }

    /** The chan ensemble, so that the event loop can add event and postevent to it. */
    public static Subcommands chanEnsemble(Interp interp) { return interp.getAssoc(CHAN_KEY); }

    // ======================================================================================
    // Lookup and errors
    // ======================================================================================

    public static Channel channel(Interp interp, TclObj name) throws TclException {
        return ChannelTable.of(interp).get(name.toString());
    }

    static Channel readableChannel(Interp interp, TclObj name) throws TclException {
        Channel c = channel(interp, name);
        if (!c.isReadable()) throw TclException.error("channel \"" + c.name() + "\" wasn't opened for reading");
        return c;
    }

    static Channel writableChannel(Interp interp, TclObj name) throws TclException {
        Channel c = channel(interp, name);
        if (!c.isWritable()) throw TclException.error("channel \"" + c.name() + "\" wasn't opened for writing");
        return c;
    }

    static TclException ioError(String what, Channel c, IOException e) {
        if (e instanceof DriverError de) return de.error;
        return PosixError.error(what + " \"" + c.name() + "\": ", e);
    }

    /** An error from close or half-close: just the POSIX message, as Tcl_Close reports it. */
    static TclException closeError(IOException e) {
        if (e instanceof DriverError de) return de.error;
        PosixError pe = PosixError.of(e);
        return TclException.error(pe.message, "POSIX", pe.name(), pe.message);
    }

    // ======================================================================================
    // open
    // ======================================================================================

    static TclObj open(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2 || objv.length > 4) throw TclException.wrongArgs(objv, 1, "fileName ?access? ?permissions?");
        String name = objv[1].toString();
        String access = objv.length > 2 ? objv[2].toString() : "r";
        int perms = 0666;
        if (objv.length > 3) perms = objv[3].asInt();
        OpenMode m = parseMode(access);
        ChannelTable table = ChannelTable.of(interp);
        if (name.startsWith("|")) {
            boolean rd = m.read, wr = m.write;
            TclList words = TclObj.of(name.substring(1)).asList();
            String[] argv = new String[words.size()];
            for (int i = 0; i < argv.length; i++) argv[i] = words.get(i).toString();
            Channel c = Pipeline.openChannel(interp, argv, rd, wr);
            if (m.binary) setTranslation(c, TclObj.of("binary"));
            table.register(c);
            return TclObj.of(c.name());
        }
        Path path = TclPath.resolve(name);
        Set<OpenOption> opts = new HashSet<>();
        if (m.read) opts.add(StandardOpenOption.READ);
        if (m.write) opts.add(StandardOpenOption.WRITE);
        if (m.create) opts.add(m.excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if (m.trunc && m.write) opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        FileChannel fc;
        try {
            if (m.create) {
                FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(permissionSet(perms));
                fc = FileChannel.open(path, opts, attr);
            } else {
                fc = FileChannel.open(path, opts);
            }
            if (m.seekEnd) fc.position(fc.size());
        } catch (IOException e) {
            throw PosixError.error("couldn't open \"" + name + "\": ", e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw PosixError.EINVAL.error("couldn't open \"" + name + "\": ");
        }
        Channel c = new Channel(ChannelTable.newName("file"), new FileDriver(fc, path, m.append), m.read, m.write);
        if (m.binary) setTranslation(c, TclObj.of("binary"));
        table.register(c);
        return TclObj.of(c.name());
    }

    static Set<PosixFilePermission> permissionSet(int mode) {
        Set<PosixFilePermission> s = new HashSet<>();
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) if ((mode & (1 << i)) != 0) s.add(bits[i]);
        return s;
    }

    /** An access mode of open (Tcl_GetOpenMode): "r+", "wb" or a list such as {WRONLY CREAT}. */
    static final class OpenMode {
        boolean read, write, create, trunc, append, excl, binary, seekEnd;
    }

    static OpenMode parseMode(String s) throws TclException {
        OpenMode m = new OpenMode();
        if (!s.isEmpty() && s.charAt(0) >= 'a' && s.charAt(0) <= 'z') {
            switch (s.charAt(0)) {
                case 'r': m.read = true; break;
                case 'w': m.write = m.create = m.trunc = true; break;
                case 'a': m.write = m.create = m.append = m.seekEnd = true; break;
                default: throw illegalMode(s);
            }
            int i = 1;
            while (i < 3 && i < s.length()) {
                char c = s.charAt(i);
                if (c == s.charAt(i - 1)) throw illegalMode(s);
                i++;
                if (c == '+') {
                    // tclsh 8.6 writes "a+" channels where they are, not at the end
                    m.read = m.write = true;
                    m.append = false;
                } else if (c == 'b') {
                    m.binary = true;
                } else {
                    throw illegalMode(s);
                }
            }
            if (i < s.length()) throw illegalMode(s);
            return m;
        }
        TclList l = TclObj.of(s).asList();
        boolean gotRW = false;
        for (int i = 0; i < l.size(); i++) {
            String f = l.get(i).toString();
            switch (f) {
                case "RDONLY": m.read = true; m.write = false; gotRW = true; break;
                case "WRONLY": m.read = false; m.write = true; gotRW = true; break;
                case "RDWR": m.read = m.write = true; gotRW = true; break;
                case "APPEND": m.append = m.seekEnd = true; break;
                case "CREAT": m.create = true; break;
                case "EXCL": m.excl = true; break;
                case "NOCTTY": break; // Java never gives a process a controlling terminal
                case "NONBLOCK": break; // a file never blocks: tclsh still reports -blocking 1
                case "TRUNC": m.trunc = true; break;
                case "BINARY": m.binary = true; break;
                default:
                    throw TclException.error("invalid access mode \"" + f + "\": must be RDONLY, WRONLY, RDWR, APPEND, BINARY, CREAT, EXCL, NOCTTY, NONBLOCK, or TRUNC");
            }
        }
        if (!gotRW) throw TclException.error("access mode must include either RDONLY, WRONLY, or RDWR");
        return m;
    }

    private static TclException illegalMode(String s) {
        return TclException.error("illegal access mode \"" + s + "\"");
    }

    // ======================================================================================
    // close gets puts read flush eof seek tell fblocked
    // ======================================================================================

    static TclObj close(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 1 && objv.length != skip + 2) throw TclException.wrongArgs(objv, skip, "channelId ?direction?");
        Channel c = channel(interp, objv[skip]);
        ChannelTable table = ChannelTable.of(interp);
        if (objv.length == skip + 2) {
            int dir = Subcommands.index(objv[skip + 1], new String[]{"read", "write"}, "direction");
            boolean readSide = dir == 0;
            boolean open = readSide ? c.isReadable() : c.isWritable();
            if (!open) {
                throw TclException.error("Half-close of " + (readSide ? "read" : "write")
                        + "-side not possible, side not opened or already closed");
            }
            boolean other = readSide ? c.isWritable() : c.isReadable();
            if (other) {
                try {
                    // a device without half-close (a file) leaves both sides open, as Tcl does
                    c.closeHalf(readSide);
                } catch (IOException e) {
                    throw closeError(e);
                }
                return TclObj.EMPTY;
            }
        }
        // the event loop lets go of the channel here; a non-blocking pipe may close in the background
        if (BackgroundClose.closing(interp, table, c)) return TclObj.EMPTY;
        try {
            table.close(c);
        } catch (IOException e) {
            throw closeError(e);
        }
        return TclObj.EMPTY;
    }

    /** A side of the channel that a background fcopy uses is busy (Tcl's EBUSY). */
    private static void checkBusy(Channel c, boolean input, String what) throws TclException {
        if (BackgroundCopy.busy(c, input)) throw PosixError.EBUSY.error(what + " \"" + c.name() + "\": ");
    }

    static TclObj gets(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 1 && objv.length != skip + 2) throw TclException.wrongArgs(objv, skip, "channelId ?varName?");
        Channel c = readableChannel(interp, objv[skip]);
        checkBusy(c, true, "error reading");
        StringBuilder sb = new StringBuilder();
        int n;
        try {
            n = c.gets(sb);
        } catch (IOException e) {
            throw ioError("error reading", c, e);
        }
        if (objv.length == skip + 2) {
            interp.setVar(objv[skip + 1].toString(), TclObj.of(sb.toString()));
            return TclObj.of(n);
        }
        return TclObj.of(sb.toString());
    }

    static TclObj puts(Interp interp, TclObj[] objv, int skip) throws TclException {
        boolean newline = true;
        TclObj chan = null, string;
        int argc = objv.length - skip;
        switch (argc) {
            case 1:
                string = objv[skip];
                break;
            case 2:
                if (objv[skip].toString().equals("-nonewline")) newline = false;
                else chan = objv[skip];
                string = objv[skip + 1];
                break;
            case 3:
                newline = false;
                if (objv[skip].toString().equals("-nonewline")) {
                    chan = objv[skip + 1];
                    string = objv[skip + 2];
                    break;
                }
                if (objv[skip + 2].toString().equals("nonewline")) {
                    // the old form "puts chan string nonewline", which Tcl 8.6 still accepts
                    chan = objv[skip];
                    string = objv[skip + 1];
                    break;
                }
                throw TclException.wrongArgs(objv, skip, "?-nonewline? ?channelId? string");
            default:
                throw TclException.wrongArgs(objv, skip, "?-nonewline? ?channelId? string");
        }
        Channel c = writableChannel(interp, chan == null ? STDOUT : chan);
        checkBusy(c, false, "error writing");
        String s = string.toString();
        try {
            c.write(newline ? s + "\n" : s);
        } catch (IOException e) {
            throw ioError("error writing", c, e);
        }
        return TclObj.EMPTY;
    }

    private static final TclObj STDOUT = TclObj.of("stdout");

    static TclObj read(Interp interp, TclObj[] objv, int skip) throws TclException {
        int argc = objv.length - skip;
        if (argc != 1 && argc != 2) throw readArgs(objv, skip);
        int i = skip;
        boolean nonewline = false;
        if (objv[i].toString().equals("-nonewline")) {
            nonewline = true;
            i++;
        }
        if (i == objv.length) throw readArgs(objv, skip);
        Channel c = readableChannel(interp, objv[i]);
        checkBusy(c, true, "error reading");
        i++;
        int toRead = Integer.MAX_VALUE;
        if (i < objv.length) {
            TclObj n = objv[i];
            long v;
            try {
                v = n.asInt();
            } catch (TclException e) {
                v = -1;
            }
            if (v < 0) {
                throw TclException.error("expected non-negative integer but got \"" + n + "\"", "TCL", "VALUE", "NUMBER");
            }
            toRead = (int) v;
        }
        StringBuilder sb = new StringBuilder();
        try {
            c.read(sb, toRead);
        } catch (IOException e) {
            throw ioError("error reading", c, e);
        }
        int len = sb.length();
        if (nonewline && len > 0 && sb.charAt(len - 1) == '\n') sb.setLength(len - 1);
        return TclObj.of(sb.toString());
    }

    private static TclException readArgs(TclObj[] objv, int skip) {
        StringBuilder prefix = new StringBuilder();
        for (int k = 0; k < skip; k++) {
            if (k > 0) prefix.append(' ');
            prefix.append(objv[k]);
        }
        return TclException.error("wrong # args: should be \"" + prefix + " channelId ?numChars?\" or \""
                + prefix + " ?-nonewline? channelId\"", "TCL", "WRONGARGS");
    }

    static TclObj flush(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 1) throw TclException.wrongArgs(objv, skip, "channelId");
        Channel c = writableChannel(interp, objv[skip]);
        checkBusy(c, false, "error flushing");
        try {
            c.flush();
        } catch (IOException e) {
            throw ioError("error flushing", c, e);
        }
        return TclObj.EMPTY;
    }

    static TclObj eof(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 1) throw TclException.wrongArgs(objv, skip, "channelId");
        return TclObj.of(channel(interp, objv[skip]).eof());
    }

    static TclObj blocked(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 1) throw TclException.wrongArgs(objv, skip, "channelId");
        Channel c = channel(interp, objv[skip]);
        if (!c.isReadable()) throw TclException.error("channel \"" + c.name() + "\" wasn't opened for reading");
        return TclObj.of(c.blocked());
    }

    static TclObj seek(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 2 && objv.length != skip + 3) throw TclException.wrongArgs(objv, skip, "channelId offset ?origin?");
        Channel c = channel(interp, objv[skip]);
        long offset;
        try {
            offset = objv[skip + 1].asLong();
        } catch (TclException e) {
            throw TclException.error("expected integer but got \"" + objv[skip + 1] + "\"", "TCL", "VALUE", "NUMBER");
        }
        int whence = ChannelDriver.SEEK_SET;
        checkBusy(c, true, "error during seek on");
        checkBusy(c, false, "error during seek on");
        if (objv.length == skip + 3) whence = Subcommands.index(objv[skip + 2], new String[]{"start", "current", "end"}, "origin");
        try {
            c.seek(offset, whence);
        } catch (IOException e) {
            throw ioError("error during seek on", c, e);
        }
        return TclObj.EMPTY;
    }

    static TclObj tell(Interp interp, TclObj[] objv, int skip) throws TclException {
        if (objv.length != skip + 1) throw TclException.wrongArgs(objv, skip, "channelId");
        Channel c = channel(interp, objv[skip]);
        // a channel in a background copy has no position to tell (Tcl's EBUSY gives -1)
        if (BackgroundCopy.busy(c, true) || BackgroundCopy.busy(c, false)) return TclObj.of(-1);
        try {
            return TclObj.of(c.tell());
        } catch (DriverError e) {
            throw e.error; // a reflected channel's seek method failed: its error, as Tcl reports it
        } catch (IOException e) {
            return TclObj.of(-1);
        }
    }

    static TclObj truncate(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "channelId ?length?");
        Channel c = channel(interp, objv[2]);
        long length;
        if (objv.length == 4) {
            try {
                length = objv[3].asLong();
            } catch (TclException e) {
                throw TclException.error("expected integer but got \"" + objv[3] + "\"", "TCL", "VALUE", "NUMBER");
            }
            if (length < 0) throw TclException.error("cannot truncate to negative length of file");
        } else {
            long p;
            try {
                p = c.tell();
            } catch (IOException e) {
                p = -1;
            }
            if (p < 0) throw PosixError.EINVAL.error("could not determine current location in \"" + c.name() + "\": ");
            length = p;
        }
        if (!c.isWritable()) throw PosixError.EINVAL.error("error during truncate on \"" + c.name() + "\": ");
        try {
            c.truncate(length);
        } catch (IOException e) {
            throw ioError("error during truncate on", c, e);
        }
        return TclObj.EMPTY;
    }

    // ======================================================================================
    // fconfigure / chan configure
    // ======================================================================================

    private static final String[] GENERIC = {"-blocking", "-buffering", "-buffersize", "-encoding", "-eofchar", "-translation"};
    /** The shortest prefix Tcl accepts for each generic option (HaveOpt's minimum length + 1). */
    private static final int[] MIN_LEN = {3, 8, 8, 3, 3, 2};

    /** Which generic option a name means, or -1. */
    private static int genericOption(String o) {
        int len = o.length();
        for (int i = 0; i < GENERIC.length; i++) {
            if (len >= MIN_LEN[i] && GENERIC[i].startsWith(o)) return i;
        }
        return -1;
    }

    static TclObj configure(Interp interp, TclObj[] objv, int skip) throws TclException {
        int argc = objv.length - skip;
        if (argc < 1 || (argc > 2 && argc % 2 == 0)) {
            throw TclException.wrongArgs(objv, skip, "channelId ?-option value ...?");
        }
        Channel c = channel(interp, objv[skip]);
        if (argc == 1) {
            List<TclObj> l = new ArrayList<>();
            for (String o : GENERIC) {
                l.add(TclObj.of(o));
                l.add(getOption(c, o));
            }
            l.addAll(c.driver().options());
            return TclObj.ofList(TclList.of(l));
        }
        if (argc == 2) {
            String o = objv[skip + 1].toString();
            int g = genericOption(o);
            if (g >= 0) {
                TclObj v = getOption(c, GENERIC[g]);
                // queried alone, a one-direction -eofchar is a list element ({} when none)
                if (g == 4 && c.isReadable() != c.isWritable()) return TclObj.ofList(v);
                return v;
            }
            TclObj v = c.driver().getOption(o);
            if (v == null) throw badOption(c, o);
            return v;
        }
        if (BackgroundCopy.busy(c, true) || BackgroundCopy.busy(c, false)) {
            throw TclException.error("unable to set channel options: background copy in progress");
        }
        for (int i = skip + 1; i < objv.length; i += 2) {
            String o = objv[i].toString();
            int g = genericOption(o);
            if (g >= 0) {
                setOption(c, GENERIC[g], objv[i + 1]);
                continue;
            }
            if (!c.driver().setOption(o, objv[i + 1])) throw badOption(c, o);
        }
        return TclObj.EMPTY;
    }

    private static TclException badOption(Channel c, String o) { return badOption(o, c.driver().optionNames()); }

    /**
     * Tcl_BadChannelOption: the generic options and then the driver's. For a driver whose
     * names differ between reading and setting options (zlib's transformation).
     */
    static TclException badOption(String o, List<String> driverOptions) {
        List<String> all = new ArrayList<>(List.of(GENERIC));
        all.addAll(driverOptions);
        StringBuilder sb = new StringBuilder("bad option \"").append(o).append("\": should be one of ");
        Subcommands.appendChoices(sb, all);
        return TclException.error(sb.toString());
    }

    private static TclObj getOption(Channel c, String o) {
        switch (o) {
            case "-blocking": return TclObj.of(c.isBlocking());
            case "-buffering": return TclObj.of(c.buffering().name().toLowerCase());
            case "-buffersize": return TclObj.of(c.bufferSize());
            case "-encoding": return TclObj.of(c.encoding().name());
            case "-eofchar": {
                if (c.isReadable() && c.isWritable()) {
                    return TclObj.ofList(eofCharValue(c.inputEofChar()), eofCharValue(c.outputEofChar()));
                }
                if (c.isReadable()) return eofCharValue(c.inputEofChar());
                if (c.isWritable()) return eofCharValue(c.outputEofChar());
                return TclObj.EMPTY;
            }
            default: {
                List<TclObj> l = new ArrayList<>();
                if (c.isReadable()) l.add(TclObj.of(Channel.TRANSLATION_NAMES[c.inputTranslation()]));
                if (c.isWritable()) l.add(TclObj.of(Channel.TRANSLATION_NAMES[c.outputTranslation()]));
                if (l.isEmpty()) l.add(TclObj.of("auto"));
                return TclObj.ofList(TclList.of(l));
            }
        }
    }

    private static TclObj eofCharValue(int c) { return c < 0 ? TclObj.EMPTY : TclObj.of(String.valueOf((char) c)); }

    private static void setOption(Channel c, String o, TclObj v) throws TclException {
        switch (o) {
            case "-blocking": {
                boolean b;
                try {
                    b = v.asBoolean();
                } catch (TclException e) {
                    throw TclException.error("expected boolean value but got \"" + v + "\"", "TCL", "VALUE", "BOOLEAN");
                }
                try {
                    c.setBlocking(b);
                } catch (IOException e) {
                    throw ioError("error setting blocking mode on", c, e);
                }
                return;
            }
            case "-buffering": {
                String s = v.toString();
                if (!s.isEmpty() && "full".startsWith(s)) c.setBuffering(Channel.Buffering.FULL);
                else if (!s.isEmpty() && "line".startsWith(s)) c.setBuffering(Channel.Buffering.LINE);
                else if (!s.isEmpty() && "none".startsWith(s)) c.setBuffering(Channel.Buffering.NONE);
                else throw TclException.error("bad value for -buffering: must be one of full, line, or none");
                return;
            }
            case "-buffersize": {
                c.setBufferSize(v.asInt());
                return;
            }
            case "-encoding": {
                String s = v.toString();
                c.setEncoding(s.isEmpty() ? Encodings.BINARY : Encodings.forChannel(s));
                return;
            }
            case "-eofchar": {
                TclList l = v.asList();
                if (l.size() > 2) {
                    throw TclException.error("bad value for -eofchar: should be a list of zero, one, or two elements");
                }
                int in = l.size() == 0 ? -1 : eofChar(l.get(0).toString());
                int out = l.size() == 0 ? -1 : eofChar(l.get(l.size() - 1).toString());
                if (l.size() == 2 && !c.isReadable()) out = eofChar(l.get(1).toString());
                if (c.isReadable()) c.setInputEofChar(in);
                if (c.isWritable()) c.setOutputEofChar(out);
                return;
            }
            default:
                setTranslation(c, v);
        }
    }

    private static int eofChar(String s) throws TclException {
        if (s.isEmpty()) return -1;
        char ch = s.charAt(0);
        if (ch == 0 || ch >= 0x80) throw TclException.error("bad value for -eofchar: must be non-NUL ASCII character");
        return ch;
    }

    /** -translation: one value for both directions, or {in out}. */
    static void setTranslation(Channel c, TclObj v) throws TclException {
        TclList l = v.asList();
        if (l.size() < 1 || l.size() > 2) throw TclException.error("bad value for -translation: must be a one or two element list");
        String in = l.get(0).toString(), out = l.get(l.size() - 1).toString();
        if (c.isReadable()) {
            int t = translation(in);
            if (t == BINARY) {
                c.setEncoding(Encodings.BINARY);
                c.setInputEofChar(-1);
                t = Channel.LF;
            }
            c.setInputTranslation(t);
        }
        if (c.isWritable()) {
            int t = translation(out);
            if (t == BINARY) {
                c.setEncoding(Encodings.BINARY);
                c.setOutputEofChar(-1);
                t = Channel.LF;
            } else if (t == Channel.AUTO) {
                // auto output is the platform's (lf), except on a TCP socket: crlf, as in Tcl
                t = "tcp".equals(c.driver().type()) ? Channel.CRLF : Channel.LF;
            }
            c.setOutputTranslation(t);
        }
    }

    private static final int BINARY = -2;

    private static int translation(String s) throws TclException {
        switch (s) {
            case "auto": return Channel.AUTO;
            case "binary": return BINARY;
            case "lf": case "platform": return Channel.LF;
            case "cr": return Channel.CR;
            case "crlf": return Channel.CRLF;
            default:
                throw TclException.error("bad value for -translation: must be one of auto, binary, cr, lf, crlf, or platform");
        }
    }

    // ======================================================================================
    // chan names / pending / pipe
    // ======================================================================================

    static TclObj names(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pattern?");
        return namesList(interp, objv.length == 3 ? objv[2].toString() : null);
    }

    /** chan names and file channels. */
    public static TclObj namesList(Interp interp, String pattern) {
        List<TclObj> l = new ArrayList<>();
        for (String n : ChannelTable.of(interp).names(pattern)) l.add(TclObj.of(n));
        return TclObj.ofList(TclList.of(l));
    }

    static TclObj pending(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "mode channelId");
        int mode = Subcommands.index(objv[2], new String[]{"input", "output"}, "mode");
        Channel c = channel(interp, objv[3]);
        if (mode == 0) return TclObj.of(c.isReadable() ? c.pendingInput() : -1);
        return TclObj.of(c.isWritable() ? c.pendingOutput() : -1);
    }

    static TclObj pipe(Interp interp, TclObj[] objv) throws TclException {
        // (Tcl's message for this one ends in a space)
        if (objv.length != 2) throw TclException.error("wrong # args: should be \"" + objv[0] + " " + objv[1] + " \"", "TCL", "WRONGARGS");
        java.nio.channels.Pipe p;
        try {
            p = java.nio.channels.Pipe.open();
        } catch (IOException e) {
            throw PosixError.error("can't create pipe: ", e);
        }
        ChannelTable t = ChannelTable.of(interp);
        Channel r = new Channel(ChannelTable.newName("file"),
                new StreamDriver("pipe", java.nio.channels.Channels.newInputStream(p.source()), null), true, false);
        Channel w = new Channel(ChannelTable.newName("file"),
                new StreamDriver("pipe", null, java.nio.channels.Channels.newOutputStream(p.sink())), false, true);
        t.register(r);
        t.register(w);
        return TclObj.ofList(TclObj.of(r.name()), TclObj.of(w.name()));
    }

    // ======================================================================================
    // chan create / push / pop
    // ======================================================================================

    static TclObj create(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "mode cmdprefix");
        TclList modes = objv[2].asList();
        boolean r = false, w = false;
        for (int i = 0; i < modes.size(); i++) {
            int m = Subcommands.index(modes.get(i), new String[]{"read", "write"}, "mode");
            if (m == 0) r = true; else w = true;
        }
        if (!r && !w) throw TclException.error("bad mode list: is empty");
        TclList prefix = objv[3].asList();
        if (prefix.size() == 0 || interp.findCommand(prefix.get(0).toString()) == null) {
            String n = prefix.size() == 0 ? "" : prefix.get(0).toString();
            throw TclException.error("invalid command name \"" + n + "\"", "TCL", "LOOKUP", "COMMAND", n);
        }
        Channel c = ReflectedDriver.create(interp, objv[3], r, w);
        ChannelTable.of(interp).register(c);
        return TclObj.of(c.name());
    }

    static TclObj push(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "channel cmdprefix");
        Channel c = channel(interp, objv[2]);
        TclList prefix = objv[3].asList();
        if (prefix.size() == 0 || interp.findCommand(prefix.get(0).toString()) == null) {
            String n = prefix.size() == 0 ? "" : prefix.get(0).toString();
            throw TclException.error("invalid command name \"" + n + "\"", "TCL", "LOOKUP", "COMMAND", n);
        }
        TransformDriver.push(interp, c, objv[3]);
        return TclObj.of(c.name());
    }

    static TclObj pop(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "channel");
        Channel c = channel(interp, objv[2]);
        try {
            // without a transformation this does nothing (tclsh 8.6 does not close the channel)
            c.popDriver();
        } catch (IOException e) {
            throw closeError(e);
        }
        return TclObj.EMPTY;
    }

    // ======================================================================================
    // fcopy / chan copy
    // ======================================================================================

    static TclObj copy(Interp interp, TclObj[] objv, int skip) throws TclException {
        int argc = objv.length - skip;
        if (argc < 2 || argc > 6 || argc % 2 == 1) {
            throw TclException.wrongArgs(objv, skip, "input output ?-size size? ?-command callback?");
        }
        Channel in = readableChannel(interp, objv[skip]);
        Channel out = writableChannel(interp, objv[skip + 1]);
        long size = -1;
        TclObj callback = null;
        for (int i = skip + 2; i < objv.length; i += 2) {
            int o = Subcommands.index(objv[i], new String[]{"-size", "-command"}, "option");
            if (o == 0) {
                try {
                    size = objv[i + 1].asLong();
                } catch (TclException e) {
                    throw TclException.error("expected integer but got \"" + objv[i + 1] + "\"", "TCL", "VALUE", "NUMBER");
                }
                if (size < 0) size = -1;
            } else {
                callback = objv[i + 1];
            }
        }
        if (BackgroundCopy.busy(in, true)) throw TclException.error("channel \"" + in.name() + "\" is busy");
        if (BackgroundCopy.busy(out, false)) throw TclException.error("channel \"" + out.name() + "\" is busy");
        boolean bytes = in.inputEofChar() < 0 && in.inputTranslation() == Channel.LF
                && out.outputTranslation() == Channel.LF && in.encoding() == out.encoding();
        // the same encoding on both sides is not converted at all: bytes pass through the
        // translations as they are (and -size counts them), as in tclsh 8.6
        TclEncoding same = !bytes && in.encoding() == out.encoding() ? in.encoding() : null;
        if (callback != null) return BackgroundCopy.start(interp, in, out, size, bytes, same, callback);
        if (same != null && size < 0 && same.asciiLineEnds() && in.translationIdle() && in.isBlocking()
                && out.outputTranslation() == Channel.LF) {
            // the same encoding, a copy to the end: ends of line translated on the bytes
            return TclObj.of(copyTranslatingBytes(in, out));
        }
        if (same != null) {
            in.setEncoding(Encodings.BINARY);
            out.setEncoding(Encodings.BINARY);
        }
        try {
            return TclObj.of(copyData(in, out, size, bytes));
        } finally {
            if (same != null) {
                in.setEncoding(same);
                out.setEncoding(same);
            }
        }
    }

    /**
     * A blocking copy to the end of input between channels of one encoding whose line ends are
     * plain bytes, to an output without translation: the input's end-of-line translation is
     * applied to the bytes, which are never decoded (as Tcl does when the encodings are the
     * same). Returns the count of bytes written, which is what Tcl counts then.
     */
    private static long copyTranslatingBytes(Channel in, Channel out) throws TclException {
        int t = in.inputTranslation();
        byte[] src = new byte[Math.max(in.bufferSize(), 65536)];
        byte[] dst = new byte[src.length + 1];
        long total = 0;
        boolean cr = false; // a \r ended the last chunk (auto and crlf modes): is a \n next?
        try {
            while (true) {
                int n = in.readBytes(src, 0, src.length);
                if (n <= 0) break;
                int w = 0;
                for (int i = 0; i < n; i++) {
                    byte b = src[i];
                    if (cr) {
                        cr = false;
                        if (b == '\n') {
                            dst[w++] = '\n';
                            continue;
                        }
                        dst[w++] = t == Channel.AUTO ? (byte) '\n' : (byte) '\r';
                    }
                    if (b != '\r' || t == Channel.LF) dst[w++] = b;
                    else if (t == Channel.CR) dst[w++] = '\n';
                    else cr = true;
                }
                try {
                    out.writeBytes(dst, 0, w);
                } catch (IOException e) {
                    throw ioError("error writing", out, e);
                }
                total += w;
            }
            if (cr) {
                dst[0] = t == Channel.AUTO ? (byte) '\n' : (byte) '\r';
                try {
                    out.writeBytes(dst, 0, 1);
                } catch (IOException e) {
                    throw ioError("error writing", out, e);
                }
                total++;
            }
            // Tcl copies with the output unbuffered: everything copied has been written
            out.flush();
        } catch (IOException e) {
            throw ioError("error reading", in, e);
        }
        return total;
    }

    private static long copyData(Channel in, Channel out, long size, boolean bytes) throws TclException {
        long total = 0;
        try {
            if (bytes) {
                byte[] buf = new byte[Math.max(in.bufferSize(), 65536)];
                while (size < 0 || total < size) {
                    int want = (int) (size < 0 ? buf.length : Math.min(buf.length, size - total));
                    int n = in.readBytes(buf, 0, want);
                    if (n <= 0) break;
                    try {
                        out.writeBytes(buf, 0, n);
                    } catch (IOException e) {
                        throw ioError("error writing", out, e);
                    }
                    total += n;
                }
            } else {
                StringBuilder sb = new StringBuilder();
                while (size < 0 || total < size) {
                    sb.setLength(0);
                    int want = (int) (size < 0 ? 8192 : Math.min(8192, size - total));
                    in.read(sb, want);
                    if (sb.length() == 0) break;
                    try {
                        out.write(sb);
                    } catch (IOException e) {
                        throw ioError("error writing", out, e);
                    }
                    total += sb.length();
                    if (in.eof() || in.blocked()) break;
                }
            }
            // Tcl copies with the output unbuffered: everything copied has been written
            out.flush();
        } catch (IOException e) {
            throw ioError("error reading", in, e);
        }
        return total;
    }

    // ======================================================================================
    // encoding
    // ======================================================================================

    static TclObj convertTo(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "?encoding? data");
        TclEncoding e = objv.length == 4 ? Encodings.get(objv[2].toString()) : Encodings.system();
        byte[] b = e.encode(objv[objv.length - 1].toString());
        return TclObj.of(bytesToString(b));
    }

    static TclObj convertFrom(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "?encoding? data");
        TclEncoding e = objv.length == 4 ? Encodings.get(objv[2].toString()) : Encodings.system();
        byte[] b = stringToBytes(objv[objv.length - 1].toString());
        return TclObj.of(e.decode(b, 0, b.length));
    }

    /** A byte string: each byte a character 0-255 (Tcl's byte arrays as strings). */
    public static String bytesToString(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) c[i] = (char) (b[i] & 0xFF);
        return new String(c);
    }

    /** The bytes of a byte string; a character above 255 keeps its low byte, as in Tcl. */
    public static byte[] stringToBytes(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    static TclObj dirs(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?dirList?");
        if (objv.length == 3) {
            TclList l;
            try {
                l = objv[2].asList();
            } catch (TclException e) {
                throw TclException.error("expected directory list but got \"" + objv[2] + "\"", "TCL", "OPERATION", "ENCODING", "BADPATH");
            }
            List<String> dirs = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) dirs.add(l.get(i).toString());
            Encodings.setSearchPath(dirs);
            return objv[2];
        }
        List<TclObj> l = new ArrayList<>();
        for (String d : Encodings.searchPath()) l.add(TclObj.of(d));
        return TclObj.ofList(TclList.of(l));
    }

    static TclObj encodingNames(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
        List<TclObj> l = new ArrayList<>();
        for (String n : Encodings.names()) l.add(TclObj.of(n));
        return TclObj.ofList(TclList.of(l));
    }

    static TclObj system(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?encoding?");
        if (objv.length == 3) {
            Encodings.setSystem(Encodings.get(objv[2].toString()));
            return TclObj.EMPTY;
        }
        return TclObj.of(Encodings.system().name());
    }
}
