package dev.tclj.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * An interpreter's time zones (SetupTimeZone and GetSystemTimeZone of clock.tcl): resolves a
 * -timezone value to a {@link ZoneData} and remembers it, as Tcl's TZData array does.
 *
 * <p>Accepted: :localtime, numeric offsets (+hh, +hhmm, +hh:mm:ss...), :Area/City and Area/City
 * (the system's zoneinfo file, else java.time's data), POSIX TZ strings (EST5EDT, CET-1CEST,...),
 * and the names :UTC :GMT :Etc/UTC :Etc/GMT.
 */
public final class TimeZones {
    private static final String[] ZONEINFO_DIRS = {"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo",
            "/usr/lib/zoneinfo", "/usr/local/etc/zoneinfo"};
    /**
     * Parsed zone files by path, shared by all interpreters; an entry is used while the file's
     * size and modification time are those it was read with.
     */
    private static final ConcurrentHashMap<Path, Object[]> FILES = new ConcurrentHashMap<>();

    /** The directories of ZONEINFO_DIRS that exist (clock.tcl's initial ZoneinfoPaths). */
    public static java.util.List<String> defaultZoneinfoPaths() {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (String d : ZONEINFO_DIRS) if (Files.isDirectory(Path.of(d))) l.add(d);
        return l;
    }

    private static final Pattern OFFSET = Pattern.compile("^([-+])(\\p{Nd}\\p{Nd})(?::?(\\p{Nd}\\p{Nd})(?::?(\\p{Nd}\\p{Nd}))?)?");
    private static final Pattern VALID_NAME = Pattern.compile("^[-\\p{L}_]+(?:/[-\\p{L}_]+)*$");

    private final Map<String, ZoneData> tzData = new HashMap<>();
    private final Map<String, Boolean> bad = new HashMap<>();
    private String cachedSystemZone;
    /** The interpreter's environment (the env array), read for TZ. */
    private final Supplier<Map<String, String>> env;
    /** Where zone files are looked for, in order (::tcl::clock::ZoneinfoPaths). */
    private final Supplier<java.util.List<String>> zoneinfoPaths;

    public TimeZones(Supplier<Map<String, String>> env, Supplier<java.util.List<String>> zoneinfoPaths) {
        this.env = env;
        this.zoneinfoPaths = zoneinfoPaths;
        initZones();
    }

    /** ClearCaches: forgets every zone set up, and the system zone. */
    public void clearCaches() {
        tzData.clear();
        bad.clear();
        cachedSystemZone = null;
        initZones();
    }

    private void initZones() {
        ZoneData gmt = ZoneData.fixed(0, "GMT");
        ZoneData utc = ZoneData.fixed(0, "UTC");
        tzData.put(":Etc/GMT", gmt);
        tzData.put(":GMT", gmt);
        tzData.put(":Etc/UTC", utc);
        tzData.put(":UTC", utc);
    }

    /**
     * The C library's local time: the zone TZ names (a zone id, with or without ':'), else the
     * POSIX rule TZ spells (CET-1CEST,M3.5.0,M10.5.0/3), the JVM's default zone without TZ, UTC
     * for a TZ the C library would not know either.
     */
    private ZoneData localTime() {
        String tz = env.get().get("TZ");
        if (tz == null) return ZoneData.localTime(ZoneId.systemDefault());
        boolean file = tz.startsWith(":");
        if (file) tz = tz.substring(1);
        try {
            return ZoneData.localTime(ZoneId.of(tz));
        } catch (DateTimeException e) {
            // not a zone name: a POSIX rule
        }
        if (!file) {
            ZoneData z = tzData.get("\0posix:" + tz);
            if (z != null) return z;
            try {
                z = ZoneData.localTime(ZoneData.processPosix(ZoneData.parsePosix(tz)));
                tzData.put("\0posix:" + tz, z);
                return z;
            } catch (ClockError e) {
                // not one either
            }
        }
        return ZoneData.localTime(java.time.ZoneOffset.UTC);
    }

    /** The zone data for a name already set up (SetupTimeZone must have succeeded). */
    public ZoneData get(String name) throws ClockError {
        return setup(name);
    }

    /** SetupTimeZone: resolves and caches a zone; the errors are tclsh's. */
    public ZoneData setup(String tz) throws ClockError {
        if (tz.equals(":localtime")) return localTime();
        ZoneData z = tzData.get(tz);
        if (z != null) return z;
        Matcher m = OFFSET.matcher(tz);
        if (m.find()) {
            int hh = digits(m.group(2));
            int mm = m.group(3) == null ? 0 : digits(m.group(3));
            int ss = m.group(4) == null ? 0 : digits(m.group(4));
            int offset = (hh * 60 + mm) * 60 + ss;
            if (m.group(1).equals("-")) offset = -offset;
            z = ZoneData.fixed(offset, tz);
        } else if (tz.startsWith(":")) {
            String file = tz.substring(1);
            z = loadZoneFile(file);
            if (z == null) throw new ClockError("time zone \"" + tz + "\" not found", "CLOCK", "badTimeZone", tz);
            tzData.put(":" + file, z);
        } else {
            ZoneData.Posix p = null;
            try {
                p = ZoneData.parsePosix(tz);
            } catch (ClockError e) {
                // not a POSIX string: a zone file
            }
            if (p != null) {
                z = ZoneData.table(ZoneData.processPosix(p));
            } else {
                z = tzData.get(":" + tz);
                if (z == null) {
                    try {
                        z = loadZoneFileOrFail(tz);
                    } catch (ClockError e) {
                        throw new ClockError("time zone " + tz + " not found", e.code());
                    }
                    tzData.put(":" + tz, z);
                }
            }
        }
        tzData.put(tz, z);
        return z;
    }

    private static int digits(String s) {
        return Character.digit(s.charAt(0), 10) * 10 + Character.digit(s.charAt(1), 10);
    }

    /** LoadZoneinfoFile; null when it fails. */
    private ZoneData loadZoneFile(String name) {
        try {
            return loadZoneFileOrFail(name);
        } catch (ClockError e) {
            return null;
        }
    }

    /**
     * LoadZoneinfoFile with its errors: a name of letters, '-' and '_' in '/'-separated parts, the
     * first zoneinfo directory that has it, else java.time's zone of that name.
     */
    private ZoneData loadZoneFileOrFail(String name) throws ClockError {
        if (!VALID_NAME.matcher(name).matches()) {
            // clock.tcl's errorCode here has a typo that tclsh reproduces
            throw new ClockError("time zone \":" + name + "\" not valid", "CLOCK", "badTimeZone", "$:fileName");
        }
        return readZone(name);
    }

    private ZoneData readZone(String name) throws ClockError {
        for (String dir : zoneinfoPaths.get()) {
            Path d = dev.tclj.io.TclPath.resolve(dev.tclj.io.TclPath.cwd(), dir);
            if (!Files.isDirectory(d)) continue;
            Path f = d.resolve(name);
            if (Files.isReadable(f) && Files.isRegularFile(f)) return readZoneFile(f, name);
        }
        // No file on this system (Windows, a slim container): java.time's zone database
        try {
            if (ZoneId.getAvailableZoneIds().contains(name)) return ZoneData.fromJavaTime(ZoneId.of(name));
        } catch (DateTimeException e) {
            // fall through
        }
        throw new ClockError("can't read \"fname\": no such variable", "TCL", "READ", "VARNAME");
    }

    private static ZoneData readZoneFile(Path f, String name) throws ClockError {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
            Object stamp = a.size() + "/" + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            Object[] cached = FILES.get(f);
            if (cached != null && cached[0].equals(stamp)) {
                if (cached[1] instanceof ClockError e) throw e;
                return (ZoneData) cached[1];
            }
            Object value;
            try {
                value = ZoneData.fromTzif(Files.readAllBytes(f), name);
            } catch (ClockError e) {
                value = e;
            }
            FILES.put(f, new Object[]{stamp, value});
            if (value instanceof ClockError e) throw e;
            return (ZoneData) value;
        } catch (IOException e) {
            throw new ClockError("couldn't read \"" + f + "\"", "POSIX", "EIO");
        }
    }

    /**
     * GetSystemTimeZone: TCL_TZ, then TZ, then /etc/localtime (as :Tcl/Localtime), else
     * :localtime; a zone that cannot be set up means :localtime.
     */
    public String systemZone() {
        Map<String, String> env = this.env.get();
        String tz = env.getOrDefault("TCL_TZ", "");
        if (tz.isEmpty()) tz = env.getOrDefault("TZ", "");
        if (tz.isEmpty()) {
            if (cachedSystemZone == null) {
                cachedSystemZone = ":localtime";
                Path lt = Path.of("/etc/localtime");
                if (Files.exists(lt)) {
                    try {
                        tzData.put(":Tcl/Localtime", ZoneData.fromTzif(Files.readAllBytes(lt), "Tcl/Localtime"));
                        cachedSystemZone = ":Tcl/Localtime";
                    } catch (IOException | ClockError e) {
                        // :localtime it is
                    }
                }
            }
            tz = cachedSystemZone;
        }
        Boolean b = bad.get(tz);
        if (b == null) {
            try {
                setup(tz);
                b = false;
            } catch (ClockError e) {
                b = true;
            }
            bad.put(tz, b);
        }
        return b ? ":localtime" : tz;
    }
}
