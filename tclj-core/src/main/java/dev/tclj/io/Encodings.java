package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide table of encodings, as in Tcl: the built-in ones (utf-8, identity, unicode,
 * iso8859-1), the table and escape encodings in the {@code .enc} files of the encoding search path
 * ({@code encoding dirs}, by default Tcl's own library when it is installed), and, for a name with
 * no file, a single-byte Java charset of the same meaning. {@code binary} exists only as a channel
 * encoding.
 */
public final class Encodings {
    private Encodings() {}

    public static final TclEncoding UTF8 = new Utf8Encoding("utf-8", false);
    public static final TclEncoding IDENTITY = new Utf8Encoding("identity", true);
    public static final TclEncoding UNICODE = new Utf16Encoding("unicode");
    public static final TclEncoding ISO8859_1 = new ByteEncoding("iso8859-1", false);
    /** The channel encoding "binary": bytes are characters 0-255. */
    public static final TclEncoding BINARY = new ByteEncoding("binary", true);

    private static final Map<String, TclEncoding> loaded = new ConcurrentHashMap<>();
    private static volatile List<String> searchPath = defaultSearchPath();
    /** Without Tcl's encoding files, Java's single-byte charsets stand in for them. */
    private static final boolean JAVA_FALLBACK = searchPath.isEmpty();
    private static volatile TclEncoding system;

    static {
        for (TclEncoding e : new TclEncoding[]{UTF8, IDENTITY, UNICODE, ISO8859_1}) loaded.put(e.name(), e);
    }

    /** Tcl names of single-byte encodings that Java also has, for machines without Tcl's files. */
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("ascii", "US-ASCII"),
            Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
            Map.entry("cp1252", "windows-1252"), Map.entry("cp1253", "windows-1253"),
            Map.entry("cp1254", "windows-1254"), Map.entry("cp1255", "windows-1255"),
            Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"),
            Map.entry("cp1258", "windows-1258"), Map.entry("cp437", "IBM437"), Map.entry("cp737", "x-IBM737"),
            Map.entry("cp775", "IBM775"), Map.entry("cp850", "IBM850"), Map.entry("cp852", "IBM852"),
            Map.entry("cp855", "IBM855"), Map.entry("cp857", "IBM857"), Map.entry("cp860", "IBM860"),
            Map.entry("cp861", "IBM861"), Map.entry("cp862", "IBM862"), Map.entry("cp863", "IBM863"),
            Map.entry("cp864", "IBM864"), Map.entry("cp865", "IBM865"), Map.entry("cp866", "IBM866"),
            Map.entry("cp869", "IBM869"), Map.entry("cp874", "x-windows-874"), Map.entry("ebcdic", "IBM037"),
            Map.entry("iso8859-2", "ISO-8859-2"), Map.entry("iso8859-3", "ISO-8859-3"),
            Map.entry("iso8859-4", "ISO-8859-4"), Map.entry("iso8859-5", "ISO-8859-5"),
            Map.entry("iso8859-6", "ISO-8859-6"), Map.entry("iso8859-7", "ISO-8859-7"),
            Map.entry("iso8859-8", "ISO-8859-8"), Map.entry("iso8859-9", "ISO-8859-9"),
            Map.entry("iso8859-11", "x-iso-8859-11"), Map.entry("iso8859-13", "ISO-8859-13"),
            Map.entry("iso8859-15", "ISO-8859-15"), Map.entry("iso8859-16", "ISO-8859-16"),
            Map.entry("koi8-r", "KOI8-R"), Map.entry("koi8-u", "KOI8-U"), Map.entry("tis-620", "TIS-620"),
            Map.entry("macRoman", "x-MacRoman"), Map.entry("macCentEuro", "x-MacCentralEurope"),
            Map.entry("macCroatian", "x-MacCroatian"), Map.entry("macCyrillic", "x-MacCyrillic"),
            Map.entry("macGreek", "x-MacGreek"), Map.entry("macIceland", "x-MacIceland"),
            Map.entry("macRomania", "x-MacRomania"), Map.entry("macThai", "x-MacThai"),
            Map.entry("macTurkish", "x-MacTurkish"), Map.entry("macUkraine", "x-MacUkraine"));

    private static List<String> defaultSearchPath() {
        String lib = System.getProperty("tclj.library", "/usr/share/tcltk/tcl8.6");
        List<String> l = new ArrayList<>();
        if (Files.isDirectory(Path.of(lib, "encoding"))) l.add(lib + "/encoding");
        return l;
    }

    public static List<String> searchPath() { return searchPath; }

    public static void setSearchPath(List<String> dirs) { searchPath = List.copyOf(dirs); }

    /** The encoding called name, or null (binary is not a name here). */
    public static TclEncoding find(String name) {
        TclEncoding e = loaded.get(name);
        if (e != null) return e;
        e = loadFromPath(name);
        if (e == null) {
            String jn = JAVA_NAMES.get(name);
            if (jn != null && JAVA_FALLBACK && Charset.isSupported(jn)) e = TableEncoding.fromCharset(name, Charset.forName(jn));
        }
        if (e != null) {
            TclEncoding prev = loaded.putIfAbsent(name, e);
            if (prev != null) e = prev;
        }
        return e;
    }

    private static TclEncoding loadFromPath(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) return null;
        for (String dir : searchPath) {
            Path p = Path.of(dir, name + ".enc");
            if (!Files.isRegularFile(p)) continue;
            try {
                List<String> lines = TableEncoding.readLines(p);
                int i = 0;
                while (i < lines.size() && (lines.get(i).startsWith("#") || lines.get(i).isBlank())) i++;
                if (i >= lines.size()) return null;
                char type = lines.get(i).trim().isEmpty() ? ' ' : lines.get(i).trim().charAt(0);
                switch (type) {
                    case 'S': case 'D': case 'M': return TableEncoding.load(name, type, lines, i + 1);
                    case 'E': return EscapeEncoding.load(name, lines, i + 1);
                    default: return null;
                }
            } catch (IOException | RuntimeException ex) {
                return null;
            }
        }
        return null;
    }

    /** Looks up an encoding for a command; errors as Tcl does. */
    public static TclEncoding get(String name) throws TclException {
        TclEncoding e = find(name);
        if (e == null) throw TclException.error("unknown encoding \"" + name + "\"", "TCL", "LOOKUP", "ENCODING", name);
        return e;
    }

    /** As get, accepting the channel-only name binary. */
    public static TclEncoding forChannel(String name) throws TclException {
        if (name.equals("binary")) return BINARY;
        return get(name);
    }

    /** Every encoding name (encoding names), sorted for determinism. */
    public static List<String> names() {
        TreeSet<String> s = new TreeSet<>(loaded.keySet());
        for (String dir : searchPath) {
            try (var st = Files.newDirectoryStream(Path.of(dir), "*.enc")) {
                for (Path p : st) {
                    String f = p.getFileName().toString();
                    s.add(f.substring(0, f.length() - 4));
                }
            } catch (IOException | RuntimeException ex) {
                // an unreadable directory contributes nothing, as in Tcl
            }
        }
        if (JAVA_FALLBACK) {
            for (Map.Entry<String, String> me : JAVA_NAMES.entrySet()) {
                if (Charset.isSupported(me.getValue())) s.add(me.getKey());
            }
        }
        return new ArrayList<>(s);
    }

    /** The system encoding: from the JVM's native encoding unless set with encoding system. */
    public static TclEncoding system() {
        TclEncoding e = system;
        if (e == null) {
            String nat = System.getProperty("native.encoding", System.getProperty("sun.jnu.encoding", "UTF-8"));
            String n = nat.toLowerCase(java.util.Locale.ROOT);
            if (n.equals("utf-8") || n.equals("utf8")) e = UTF8;
            else if (n.startsWith("iso-8859-") || n.startsWith("iso8859-")) e = find("iso8859-" + n.substring(n.lastIndexOf('-') + 1));
            else if (n.startsWith("windows-")) e = find("cp" + n.substring(8));
            else e = ISO8859_1;
            if (e == null) e = ISO8859_1;
            system = e;
        }
        return e;
    }

    public static void setSystem(TclEncoding e) { system = e; }
}
