package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.ProcessEnvironment;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.clock.ClockAdd;
import dev.tclj.clock.ClockError;
import dev.tclj.clock.ClockFormatter;
import dev.tclj.clock.ClockLocale;
import dev.tclj.clock.FormatScanner;
import dev.tclj.clock.DateFields;
import dev.tclj.clock.FreeScan;
import dev.tclj.clock.LocaleData;
import dev.tclj.clock.TimeZones;
import dev.tclj.clock.ZoneData;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clock ensemble of Tcl 8.6: seconds, milliseconds, microseconds, clicks, format, scan and add,
 * with -format -gmt -locale -timezone -base. The argument handling and its errors are those of
 * clock.tcl and tclClock.c; the work is in package {@link dev.tclj.clock}.
 */
public final class ClockCmd {
    private ClockCmd() {}

    private static final Object KEY = new Object();

    private static final Object LOCALES_KEY = new Object();

    /** The interpreter's time zones (Tcl keeps them in ::tcl::clock::TZData). */
    private static TimeZones zones(Interp interp) {
        TimeZones z = interp.getAssoc(KEY);
        if (z == null) {
            z = new TimeZones(() -> ProcessEnvironment.of(interp), () -> zoneinfoPaths(interp));
            interp.setAssoc(KEY, z);
        }
        return z;
    }

    /** The interpreter's clock locales. */
    private static ClockCatalogs locales(Interp interp) {
        ClockCatalogs c = interp.getAssoc(LOCALES_KEY);
        if (c == null) {
            c = new ClockCatalogs(interp);
            interp.setAssoc(LOCALES_KEY, c);
        }
        return c;
    }

    private static final String ZONEINFO_VAR = "::tcl::clock::ZoneinfoPaths";

    /** ::tcl::clock::ZoneinfoPaths, which scripts may change; created with the existing directories. */
    private static List<String> zoneinfoPaths(Interp interp) {
        List<String> out = new ArrayList<>();
        try {
            TclObj v = interp.getVarOrNull(ZONEINFO_VAR);
            if (v == null) {
                if (interp.findNamespace("::tcl::clock", interp.globalNamespace()) == null) {
                    interp.createNamespace("::tcl::clock", interp.globalNamespace());
                }
                List<TclObj> l = new ArrayList<>();
                for (String d : TimeZones.defaultZoneinfoPaths()) l.add(TclObj.of(d));
                v = TclObj.ofList(l.toArray(new TclObj[0]));
                interp.setVar(ZONEINFO_VAR, v);
            }
            for (TclObj d : v.asList().toArray()) out.add(d.toString());
        } catch (TclException e) {
            // not a list (or not settable): no directories
        }
        return out;
    }

    /** ::tcl::clock::ClearCaches: forgets the zones and locales set up so far. */
    static TclObj clearCaches(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
        zones(interp).clearCaches();
        locales(interp).clear();
        return TclObj.EMPTY;
    }

    public static void register(Interp interp) {
        interp.createCommand("clock", new Subcommands("clock")
                .add("add", BinaryCmd.canonical("add", ClockCmd::add))
                .add("clicks", BinaryCmd.canonical("clicks", ClockCmd::clicks))
                .add("format", BinaryCmd.canonical("format", ClockCmd::format))
                .add("microseconds", BinaryCmd.canonical("microseconds", (in, objv) -> {
                    noArgs(objv);
                    return TclObj.of(micros());
                }))
                .add("milliseconds", BinaryCmd.canonical("milliseconds", (in, objv) -> {
                    noArgs(objv);
                    return TclObj.of(System.currentTimeMillis());
                }))
                .add("scan", BinaryCmd.canonical("scan", ClockCmd::scan))
                .add("seconds", BinaryCmd.canonical("seconds", (in, objv) -> {
                    noArgs(objv);
                    return TclObj.of(Math.floorDiv(System.currentTimeMillis(), 1000));
                })));
        interp.createNamespace("::tcl::clock", interp.globalNamespace());
        interp.createCommand("::tcl::clock::ClearCaches", ClockCmd::clearCaches);
    }

    private static void noArgs(TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 2, null);
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    static TclObj clicks(Interp interp, TclObj[] objv) throws TclException {
        int which = 2;
        if (objv.length == 3) {
            which = Subcommands.index(objv[2], new String[]{"-milliseconds", "-microseconds"}, "option");
        } else if (objv.length != 2) {
            throw TclException.wrongArgs(objv, 2, "?-switch?");
        }
        // the native clicks of Tcl on Unix count microseconds
        return TclObj.of(which == 0 ? System.currentTimeMillis() : micros());
    }

    private static TclException err(ClockError e) { return e.toTcl(); }

    private static Map<String, String> env(Interp interp) { return ProcessEnvironment.of(interp); }

    // ======================================================================================
    // Seconds values
    // ======================================================================================

    /**
     * TclGetWideIntFromObj on a clock value: magnitudes to 2^64-1 are read (a value with a
     * floating-point form fails with errorCode INTEGER, other non-integers with NUMBER, as Tcl's
     * number reader reports them).
     */
    private static BigInteger readWide(TclObj v) throws TclException {
        if (v.isIntRep()) return BigInteger.valueOf(v.rawLong());
        boolean wasDouble = v.isDoubleRep();
        if (!wasDouble && v.toInteger()) {
            BigInteger b = v.asBigInteger();
            if (b.abs().bitLength() <= 64) return b;
            throw TclException.error("integer value too large to represent", "ARITH", "IOVERFLOW",
                    "integer value too large to represent");
        }
        throw TclException.error("expected integer but got \"" + v + "\"", "TCL", "VALUE", wasDouble ? "INTEGER" : "NUMBER");
    }

    /** GetDateFields' reading of its seconds: 64 bits, a bignum being "too large" (errorCode NONE). */
    private static long wideInt(TclObj v) throws TclException {
        BigInteger b = readWide(v);
        if (b.bitLength() >= 64) throw TclException.error("integer value too large to represent");
        return b.longValue();
    }

    /** clock.tcl's check {expr {wide($value)}}: any number passes (bignums are cut to 64 bits). */
    private static boolean isNumber(TclObj v) {
        return v.toNumber();
    }

    // ======================================================================================
    // clock format
    // ======================================================================================

    private static final String FORMAT_USAGE =
            "clock format clockval ?-format string? ?-gmt boolean? ?-locale LOCALE? ?-timezone ZONE?";

    static TclObj format(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length - 1;
        if (objc < 2 || objc % 2 != 0) {
            throw TclException.error("wrong # args: should be \"" + FORMAT_USAGE + "\"", "CLOCK", "wrongNumArgs");
        }
        String format = "%a %b %d %H:%M:%S %Z %Y";
        String locale = "c";
        String timezone = "";
        boolean gmt = false, sawGmt = false, sawTz = false;
        String[] options = {"-format", "-gmt", "-locale", "-timezone"};
        for (int i = 3; i < objv.length; i += 2) {
            int opt;
            try {
                opt = Subcommands.index(objv[i], options, "option");
            } catch (TclException e) {
                throw TclException.error(e.getMessage(), "CLOCK", "badOption", objv[i].toString());
            }
            switch (opt) {
                case 0 -> format = objv[i + 1].toString();
                case 1 -> {
                    gmt = objv[i + 1].asBoolean();
                    sawGmt = true;
                }
                case 2 -> locale = objv[i + 1].toString();
                default -> {
                    timezone = objv[i + 1].toString();
                    sawTz = true;
                }
            }
        }
        TclObj clockval = objv[2];
        readWide(clockval);
        if (sawGmt && sawTz) {
            throw TclException.error("cannot use -gmt and -timezone in same call", "CLOCK", "gmtWithTimezone");
        }
        if (gmt) timezone = ":GMT";
        locale = locale.toLowerCase(Locale.ROOT);
        TimeZones zones = zones(interp);
        Map<String, String> env = env(interp);
        if (timezone.isEmpty()) timezone = zones.systemZone();
        try {
            ZoneData zone = zones.setup(timezone);
            LocaleData loc = locales(interp).get(locale, env);
            DateFields d = DateFields.fromSeconds(wideInt(clockval), zone, loc.changeover);
            return TclObj.of(ClockFormatter.format(format, d, loc));
        } catch (ClockError e) {
            throw err(e);
        }
    }

    // ======================================================================================
    // clock scan
    // ======================================================================================

    private static final String SCAN_USAGE = "clock scan string ?-base seconds? ?-format string? ?-gmt boolean?"
            + " ?-locale LOCALE? ?-timezone ZONE?";

    /** Whether word is an abbreviation of option at least min characters long (clock.tcl's switch cases). */
    private static boolean prefix(String word, String option, int min) {
        return word.length() >= min && option.startsWith(word);
    }

    static TclObj scan(Interp interp, TclObj[] objv) throws TclException {
        int nargs = objv.length - 2;
        if (nargs < 1 || nargs % 2 != 1) {
            throw TclException.error("wrong # args: should be \"" + SCAN_USAGE + "\"", "CLOCK", "wrongNumArgs");
        }
        TimeZones zones = zones(interp);
        Map<String, String> env = env(interp);
        TclObj base = null;
        String string = objv[2].toString();
        String format = null;
        TclObj gmt = TclObj.of(0);
        String locale = "c";
        String timezone = zones.systemZone();
        boolean sawGmt = false, sawTz = false, sawLocale = false;
        for (int i = 3; i < objv.length; i += 2) {
            String flag = objv[i].toString();
            TclObj value = objv[i + 1];
            if (prefix(flag, "-base", 2)) {
                base = value;
            } else if (prefix(flag, "-format", 2)) {
                format = value.toString();
            } else if (prefix(flag, "-gmt", 2)) {
                gmt = value;
                sawGmt = true;
            } else if (prefix(flag, "-locale", 2)) {
                locale = value.toString().toLowerCase(Locale.ROOT);
                sawLocale = true;
            } else if (prefix(flag, "-timezone", 2)) {
                timezone = value.toString();
                sawTz = true;
            } else {
                throw TclException.error("bad option \"" + flag + "\", must be -base, -format, -gmt, -locale or -timezone",
                        "CLOCK", "badOption", flag);
            }
        }
        if (sawGmt && sawTz) {
            throw TclException.error("cannot use -gmt and -timezone in same call", "CLOCK", "gmtWithTimezone");
        }
        if (base != null && !isNumber(base)) throw TclException.error("expected integer but got \"" + base + "\"");
        if (gmt.isEmptyString() || !gmt.isBoolean()) {
            throw TclException.error("expected boolean value but got \"" + gmt + "\"");
        }
        if (gmt.asBoolean()) timezone = ":GMT";
        long now = Math.floorDiv(System.currentTimeMillis(), 1000);
        try {
            if (format == null) {
                if (sawLocale) {
                    throw TclException.error("legacy [clock scan] does not support -locale", "CLOCK", "flagWithLegacyFormat");
                }
                zones.setup(timezone);
                long b = base == null ? now : wideInt(base);
                return TclObj.of(FreeScan.scan(string, b, timezone, zones));
            }
            LocaleData loc = locales(interp).get(locale, env);
            TclObj baseObj = base;
            FormatScanner.Base lazyBase = () -> {
                if (baseObj == null) return now;
                try {
                    return wideInt(baseObj);
                } catch (TclException e) {
                    throw new ClockError(e.getMessage(), e.errorCode == null ? new String[0] : words(e.errorCode));
                }
            };
            return TclObj.of(FormatScanner.scan(string, format, lazyBase, timezone, loc, zones));
        } catch (ClockError e) {
            throw err(e);
        }
    }

    /** An errorCode list (made by TclException.error, so well formed) as its words. */
    private static String[] words(TclObj list) {
        try {
            TclObj[] a = list.asList().toArray();
            String[] w = new String[a.length];
            for (int i = 0; i < a.length; i++) w[i] = a[i].toString();
            return w;
        } catch (TclException e) {
            return new String[]{list.toString()};
        }
    }

    // ======================================================================================
    // clock add
    // ======================================================================================

    static TclObj add(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "clockval ?arg ...?");
        if ((objv.length - 3) % 2 != 0) {
            throw TclException.error("wrong # args: should be \"clock add clockval ?number units?..."
                    + " ?-gmt boolean? ?-locale LOCALE? ?-timezone ZONE?\"", "CLOCK", "wrongNumArgs");
        }
        TclObj clockval = objv[2];
        if (!isNumber(clockval)) throw TclException.error("expected number but got \"" + clockval + "\"");
        TimeZones zones = zones(interp);
        Map<String, String> env = env(interp);
        List<Object[]> offsets = new ArrayList<>();
        TclObj gmt = TclObj.of(0);
        String locale = "c";
        String timezone = zones.systemZone();
        for (int i = 3; i < objv.length; i += 2) {
            TclObj a = objv[i];
            String as = a.toString();
            if (isQuantity(a)) {
                offsets.add(new Object[]{a.asLong(), objv[i + 1].toString()});
            } else if (prefix(as, "-gmt", 2)) {
                gmt = objv[i + 1];
            } else if (prefix(as, "-locale", 2)) {
                locale = objv[i + 1].toString().toLowerCase(Locale.ROOT);
            } else if (prefix(as, "-timezone", 2)) {
                timezone = objv[i + 1].toString();
            } else {
                throw TclException.error("bad option \"" + as + "\", must be -gmt, -locale or -timezone",
                        "CLOCK", "badOption", as);
            }
        }
        if (gmt.isEmptyString() || !gmt.isBoolean()) {
            throw TclException.error("expected boolean value but got \"" + gmt + "\"");
        }
        if (gmt.asBoolean()) timezone = ":GMT";
        int changeover = locales(interp).changeover(locale, env);
        try {
            ZoneData zone = zones.setup(timezone);
            if (offsets.isEmpty()) return clockval;
            // Tcl's arithmetic: a floating-point clock value stays floating point through seconds
            TclObj current = clockval;
            for (Object[] o : offsets) {
                long q = (Long) o[0];
                String unit = (String) o[1];
                ClockAdd.checkUnit(unit);
                boolean calendar = switch (unit) {
                    case "hours", "hour", "minutes", "minute", "seconds", "second" -> false;
                    default -> true;
                };
                if (!calendar && (current.isDoubleRep() || !current.toInteger())) {
                    double dv = current.asDouble();
                    long mult = unit.startsWith("h") ? 3600 : unit.startsWith("m") ? 60 : 1;
                    current = TclObj.of((double) (mult * q) + dv);
                } else {
                    BigInteger v = calendar ? BigInteger.valueOf(wideInt(current)) : current.asBigInteger();
                    current = TclObj.of(ClockAdd.add(v, q, unit, zone, changeover));
                }
            }
            return current;
        } catch (ClockError e) {
            throw err(e);
        }
    }

    /** string is integer -strict: an integer that fits in 32 bits (unsigned ones too). */
    private static boolean isQuantity(TclObj a) throws TclException {
        if (a.isEmptyString() || !a.toInteger()) return false;
        BigInteger b = a.asBigInteger();
        return b.abs().compareTo(BigInteger.valueOf(0xFFFFFFFFL)) <= 0;
    }
}
