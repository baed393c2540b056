package dev.tclj.clock;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time zone as Tcl's clock sees it (an element of ::tcl::clock::TZData): a table of the points
 * where the offset from UTC changes, each with the new offset, a daylight-saving flag and an
 * abbreviation; or the C library's local time (:localtime), here the JVM's default zone.
 *
 * <p>Tables come from TZif files (as Tcl reads them: version 2 files give 64-bit times and a POSIX
 * rule for later years, expanded up to 2099 and no further), from POSIX TZ strings, from fixed
 * offsets, and, when a zone has no file on this system, from java.time's rules.
 */
public final class ZoneData {
    static final long MINWIDE = Long.MIN_VALUE;

    private final long[] times;
    private final int[] offsets;
    private final String[] names;
    /** Set for :localtime. */
    private final ZoneId local;

    private ZoneData(long[] times, int[] offsets, String[] names, ZoneId local) {
        this.times = times;
        this.offsets = offsets;
        this.names = names;
        this.local = local;
    }

    /** A table zone from rows {time, offset, isDst, name}. */
    static ZoneData table(List<Row> rows) {
        int n = rows.size();
        long[] t = new long[n];
        int[] o = new int[n];
        String[] nm = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            t[i] = r.time;
            o[i] = r.offset;
            nm[i] = r.name;
        }
        return new ZoneData(t, o, nm, null);
    }

    /** A zone with one offset for all time, named as given. */
    static ZoneData fixed(int offset, String name) {
        return new ZoneData(new long[]{MINWIDE}, new int[]{offset}, new String[]{name}, null);
    }

    static ZoneData localTime(ZoneId zone) { return new ZoneData(null, null, null, zone); }

    /** :localtime under a POSIX TZ rule: the rule's offsets, named by offset as :localtime is. */
    static ZoneData localTime(List<Row> rows) {
        List<Row> named = new java.util.ArrayList<>(rows.size());
        for (Row r : rows) named.add(new Row(r.time, r.offset, r.dst, localName(r.offset)));
        return table(named);
    }

    /** One row of a zone table. */
    record Row(long time, int offset, boolean dst, String name) {}

    // ======================================================================================
    // Conversions
    // ======================================================================================

    /** LookupLastTransition: the row in force at a UTC time. */
    private int lookup(long tick) {
        if (tick < times[0]) return 0;
        int l = 0, u = times.length - 1;
        while (l < u) {
            int m = (l + u + 1) >>> 1;
            if (tick >= times[m]) l = m; else u = m - 1;
        }
        return l;
    }

    /** ConvertUTCToLocal: sets localSeconds, tzOffset and tzName from seconds. */
    void utcToLocal(DateFields f, int changeover) throws ClockError {
        if (local == null) {
            int row = lookup(f.seconds);
            f.tzOffset = offsets[row];
            f.tzName = names[row];
            f.localSeconds = f.seconds + f.tzOffset;
            return;
        }
        LocalDateTime t;
        try {
            t = Instant.ofEpochSecond(f.seconds).atZone(local).toLocalDateTime();
            if (t.getYear() - 1900L > Integer.MAX_VALUE || t.getYear() - 1900L < Integer.MIN_VALUE) {
                throw new DateTimeException("range");
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new ClockError("localtime failed (clock value may be too large/small to represent)",
                    "CLOCK", "localtimeFailed");
        }
        // Tcl reads the C library's (proleptic Gregorian) date back through its own calendar
        DateFields d = new DateFields();
        d.bce = false;
        d.year = t.getYear();
        d.month = t.getMonthValue();
        d.dayOfMonth = t.getDayOfMonth();
        d.julianDayFromEraYearMonthDay(changeover);
        f.localSeconds = ((d.julianDay * 24L + t.getHour()) * 60 + t.getMinute()) * 60 + t.getSecond()
                - DateFields.JULIAN_SEC_POSIX_EPOCH;
        int diff = (int) (f.localSeconds - f.seconds);
        f.tzOffset = diff;
        f.tzName = localName(diff);
    }

    /** ConvertLocalToUTC: sets seconds (and tzOffset) from localSeconds. */
    void localToUtc(DateFields f, int changeover) throws ClockError {
        if (local == null) {
            // Start from local == UTC and follow the offsets until one repeats (this ends even
            // for a local time that does not exist, such as 02:30 on a spring-forward day).
            int[] have = new int[8];
            int nHave = 0;
            f.tzOffset = 0;
            f.seconds = f.localSeconds;
            int i;
            while (true) {
                int off = offsets[lookup(f.seconds)];
                f.tzOffset = off;
                for (i = 0; i < nHave; i++) if (have[i] == off) break;
                if (i < nHave) break;
                if (nHave == 8) throw new IllegalStateException("loop in ConvertLocalToUTCUsingTable");
                have[nHave++] = off;
                f.seconds = f.localSeconds - off;
            }
            f.tzOffset = have[i];
            f.seconds = f.localSeconds - f.tzOffset;
            return;
        }
        long jsec = f.localSeconds + DateFields.JULIAN_SEC_POSIX_EPOCH;
        DateFields d = new DateFields();
        d.julianDay = (int) (jsec / 86400);
        int secondOfDay = (int) (jsec % 86400);
        if (secondOfDay < 0) {
            secondOfDay += 86400;
            d.julianDay--;
        }
        d.computeEraYearDay(changeover);
        d.computeMonthDay();
        try {
            // mktime with tm_isdst -1: a skipped time moves forward, a repeated one takes daylight time
            LocalDateTime t = LocalDateTime.of(d.year, d.month, d.dayOfMonth, secondOfDay / 3600 % 24,
                    secondOfDay / 60 % 60, secondOfDay % 60);
            f.seconds = ZonedDateTime.ofLocal(t, local, null).toEpochSecond();
        } catch (DateTimeException e) {
            throw new ClockError("time value too large/small to represent");
        }
    }

    /**
     * The name Tcl gives local time's offsets: +hhmm[ss] written with sprintf into a buffer, each
     * field at its fixed place, so that an hour count of three digits is partly overwritten.
     */
    static String localName(int diff) {
        char[] buf = new char[16];
        int len;
        if (diff < 0) {
            buf[0] = '-';
            diff = -diff;
        } else {
            buf[0] = '+';
        }
        len = put(buf, 1, diff / 3600);
        diff %= 3600;
        len = put(buf, 3, diff / 60);
        diff %= 60;
        if (diff > 0) len = put(buf, 5, diff);
        return new String(buf, 0, len);
    }

    /** sprintf(buf + at, "%02d", v); returns the string's new length. */
    private static int put(char[] buf, int at, int v) {
        String t = v < 10 && v >= 0 ? "0" + v : Integer.toString(v);
        for (int i = 0; i < t.length(); i++) buf[at + i] = t.charAt(i);
        return at + t.length();
    }

    /** FormatNumericTimeZone (clock.tcl): +hhmm, with seconds when there are any. */
    public static String formatNumericTimeZone(long z) {
        StringBuilder sb = new StringBuilder(8);
        if (z < 0) {
            z = -z;
            sb.append('-');
        } else {
            sb.append('+');
        }
        two(sb, z / 3600);
        z %= 3600;
        two(sb, z / 60);
        z %= 60;
        if (z != 0) two(sb, z);
        return sb.toString();
    }

    private static void two(StringBuilder sb, long v) {
        if (v < 10 && v >= 0) sb.append('0');
        sb.append(v);
    }

    // ======================================================================================
    // TZif files (ReadZoneinfoFile)
    // ======================================================================================

    /** Reads a TZif file's content as Tcl does; errors carry Tcl's messages. */
    static ZoneData fromTzif(byte[] d, String fileName) throws ClockError {
        if (d.length > 262144) throw new ClockError(fileName + " too big");
        if (d.length < 44 || d[0] != 'T' || d[1] != 'Z' || d[2] != 'i' || d[3] != 'f') {
            throw new ClockError(fileName + " not a time zone information file");
        }
        char version = (char) d[4];
        int nIsGMT = int32(d, 20), nIsStd = int32(d, 24), nLeap = int32(d, 28), nTime = int32(d, 32),
                nType = int32(d, 36), nChar = int32(d, 40);
        int seek = 44, ilen = 4;
        if (nType > 255) throw new ClockError(fileName + " contains too many time types");
        if (nLeap != 0) throw new ClockError(fileName + " contains leap seconds");
        // Tcl takes the 64-bit data and the POSIX footer from version "2" files only
        if (version == '2') {
            seek = 44 + 5 * nTime + 6 * nType + 4 * nLeap + nIsStd + nIsGMT + nChar;
            if (seek + 44 > d.length || d[seek] != 'T' || d[seek + 1] != 'Z' || d[seek + 2] != 'i' || d[seek + 3] != 'f') {
                throw new ClockError("seek address " + seek + " miscomputed");
            }
            nIsGMT = int32(d, seek + 20);
            nIsStd = int32(d, seek + 24);
            nLeap = int32(d, seek + 28);
            nTime = int32(d, seek + 32);
            nType = int32(d, seek + 36);
            nChar = int32(d, seek + 40);
            ilen = 8;
            seek += 44;
        }
        try {
            long[] times = new long[nTime + 1];
            int[] codes = new int[nTime + 1];
            times[0] = MINWIDE;
            for (int i = 0; i < nTime; i++) {
                times[i + 1] = ilen == 8 ? int64(d, seek + 8 * i) : int32(d, seek + 4 * i);
            }
            seek += ilen * nTime;
            for (int i = 0; i < nTime; i++) codes[i + 1] = d[seek + i] & 0xFF;
            seek += nTime;
            int[] gmtOff = new int[nType];
            int[] abbrInd = new int[nType];
            boolean[] isDst = new boolean[nType];
            for (int i = 0; i < nType; i++) {
                gmtOff[i] = int32(d, seek);
                isDst[i] = d[seek + 4] != 0;
                abbrInd[i] = d[seek + 5];   // a signed char, as Tcl scans it
                seek += 6;
            }
            int charsAt = seek;
            seek += nChar;
            List<Row> rows = new ArrayList<>();
            long lastTime = MINWIDE;
            for (int i = 0; i <= nTime; i++) {
                long t = times[i];
                if (t < lastTime) throw new ClockError(fileName + " has times out of order");
                lastTime = t;
                int c = codes[i];
                if (c >= nType) throw new ClockError(fileName + " has a bad time type");
                rows.add(new Row(t, gmtOff[c], isDst[c], abbreviation(d, charsAt, nChar, abbrInd[c])));
            }
            if (version == '2') {
                seek = seek + 8 * nLeap + nIsStd + nIsGMT + 1;
                int end = seek;
                while (end < d.length && d[end] != '\n') end++;
                String posix = new String(d, seek, Math.max(0, end - seek), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (!posix.isBlank()) {
                    for (Row r : processPosix(parsePosix(posix))) {
                        if (r.time > lastTime) rows.add(r);
                    }
                }
            }
            return table(rows);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new ClockError(fileName + " not a time zone information file");
        }
    }

    /** The abbreviation starting at byte index i of the abbreviation characters. */
    private static String abbreviation(byte[] d, int at, int nChar, int i) throws ClockError {
        if (i < 0 || i > nChar) throw new ClockError("key \"" + i + "\" not known in dictionary");
        int end = i;
        while (end < nChar && d[at + end] != 0) end++;
        return new String(d, at + i, end - i, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static int int32(byte[] d, int at) {
        return (d[at] & 0xFF) << 24 | (d[at + 1] & 0xFF) << 16 | (d[at + 2] & 0xFF) << 8 | (d[at + 3] & 0xFF);
    }

    private static long int64(byte[] d, int at) {
        return ((long) int32(d, at) << 32) | (int32(d, at + 4) & 0xFFFFFFFFL);
    }

    // ======================================================================================
    // POSIX TZ strings (ParsePosixTimeZone, ProcessPosixTimeZone)
    // ======================================================================================

    private static final String NAME = "(\\p{L}+|<[-+\\p{L}\\p{Nd}]+>)";
    private static final String D12 = "(\\p{Nd}{1,2})";
    private static final String RULE = "(?:(J?)(\\p{Nd}+)|M(\\p{Nd}+)[.](\\p{Nd}+)[.](\\p{Nd}+))"
            + "(?:/" + D12 + "(?::" + D12 + "(?::" + D12 + ")?)?)?";
    private static final Pattern POSIX = Pattern.compile("^" + NAME + "([-+]?)" + D12 + "(?::" + D12 + "(?::" + D12 + ")?)?"
            + "(?:" + NAME + "(?:(?:([-+]?)" + D12 + "(?::" + D12 + "(?::" + D12 + ")?)?)?"
            + "(?:," + RULE + "," + RULE + ")?)?)?$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The parts of a POSIX TZ string; null where absent. */
    static final class Posix {
        String stdName, stdSignum, stdHours, stdMinutes, stdSeconds;
        String dstName, dstSignum, dstHours, dstMinutes, dstSeconds;
        final String[][] bound = new String[2][8];   // J dayOfYear month week dayOfWeek hours minutes seconds
    }

    /** ParsePosixTimeZone; the error is the one tclsh reports. */
    static Posix parsePosix(String tz) throws ClockError {
        Matcher m = POSIX.matcher(tz);
        if (!m.matches()) {
            throw new ClockError("unable to parse time zone specification \"" + tz + "\"", "CLOCK", "badTimeZone", tz);
        }
        Posix p = new Posix();
        p.stdName = g(m, 1);
        p.stdSignum = g(m, 2);
        p.stdHours = g(m, 3);
        p.stdMinutes = g(m, 4);
        p.stdSeconds = g(m, 5);
        p.dstName = g(m, 6);
        p.dstSignum = g(m, 7);
        p.dstHours = g(m, 8);
        p.dstMinutes = g(m, 9);
        p.dstSeconds = g(m, 10);
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 8; k++) p.bound[b][k] = g(m, 11 + 8 * b + k);
        }
        return p;
    }

    private static String g(Matcher m, int i) {
        String s = m.group(i);
        return s == null ? "" : s;
    }

    private static int num(String s) { return s.isEmpty() ? 0 : Integer.parseInt(asciiDigits(s)); }

    private static String asciiDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) sb.append((char) ('0' + Character.digit(s.charAt(i), 10)));
        return sb.toString();
    }

    private static final int J = 0, DOY = 1, MONTH = 2, WEEK = 3, DOW = 4, HOURS = 5, MINUTES = 6, SECONDS = 7;

    /** ProcessPosixTimeZone: the rows for a parsed TZ string, daylight time from 1916 to 2099. */
    static List<Row> processPosix(Posix z) throws ClockError {
        String stdName = unbracket(z.stdName);
        int stdSignum = z.stdSignum.equals("-") ? 1 : -1;
        int stdHours = num(z.stdHours);
        int stdOffset = ((stdHours * 60 + num(z.stdMinutes)) * 60 + num(z.stdSeconds)) * stdSignum;
        List<Row> data = new ArrayList<>();
        data.add(new Row(MINWIDE, stdOffset, false, stdName));
        if (z.dstName.isEmpty()) return data;
        String dstName = unbracket(z.dstName);
        int dstSignum = z.dstSignum.equals("-") ? 1 : -1;
        int dstOffset = z.dstHours.isEmpty() ? 3600 + stdOffset
                : ((num(z.dstHours) * 60 + num(z.dstMinutes)) * 60 + num(z.dstSeconds)) * dstSignum;
        String[] start = z.bound[0].clone(), end = z.bound[1].clone();
        boolean euro = stdSignum * stdHours >= 0 && stdSignum * stdHours <= 12;
        if (start[DOY].isEmpty() && start[MONTH].isEmpty()) {
            if (euro) {
                start[WEEK] = "5";
                start[HOURS] = Integer.toString(stdHours > 2 ? 2 : stdHours + 1);
            } else {
                start[WEEK] = "2";
                start[HOURS] = "2";
            }
            start[MONTH] = "3";
            start[DOW] = "0";
            start[MINUTES] = "0";
            start[SECONDS] = "0";
        }
        if (end[DOY].isEmpty() && end[MONTH].isEmpty()) {
            if (euro) {
                end[MONTH] = "10";
                end[WEEK] = "5";
                end[HOURS] = Integer.toString(stdHours > 2 ? 3 : stdHours + 2);
            } else {
                end[MONTH] = "11";
                end[WEEK] = "1";
                end[HOURS] = "2";
            }
            end[DOW] = "0";
            end[MINUTES] = "0";
            end[SECONDS] = "0";
        }
        for (int y = 1916; y < 2100; y++) {
            long startTime = dstTime(start, y) - stdOffset;
            long endTime = dstTime(end, y) - dstOffset;
            if (startTime < endTime) {
                data.add(new Row(startTime, dstOffset, true, dstName));
                data.add(new Row(endTime, stdOffset, false, stdName));
            } else {
                data.add(new Row(endTime, stdOffset, false, stdName));
                data.add(new Row(startTime, dstOffset, true, dstName));
            }
        }
        return data;
    }

    private static String unbracket(String s) {
        return s.startsWith("<") ? s.substring(1, s.length() - 1) : s;
    }

    /** DeterminePosixDSTTime: local seconds of a rule's moment in year y. */
    private static long dstTime(String[] b, int y) throws ClockError {
        DateFields date = new DateFields();
        date.bce = false;
        date.year = y;
        if (!b[DOY].isEmpty()) {
            int doy = num(b[DOY]);
            if (!b[J].isEmpty()) {
                // clock.tcl asks IsGregorianLeapYear about the bare year number, which is no dict
                throw new ClockError("missing value to go with key", "TCL", "VALUE", "DICTIONARY");
            }
            date.dayOfYear = doy;
            date.julianDayFromEraYearDay(DateFields.ENGLISH_CHANGEOVER);
        } else {
            date.month = num(b[MONTH]);
            int dow = num(b[DOW]);
            int dowim = num(b[WEEK]);
            if (dowim >= 5) dowim = -1;
            // GetJulianDayFromEraYearMonthWeekDay
            DateFields d2 = date.copy();
            if (dowim >= 0) {
                d2.dayOfMonth = 0;
            } else {
                d2.month++;
                d2.dayOfMonth = 7;
            }
            d2.julianDayFromEraYearMonthDay(DateFields.ENGLISH_CHANGEOVER);
            long wd0 = DateFields.weekdayOnOrBeforeTcl(dow, d2.julianDay);
            date.julianDay = (int) (wd0 + 7L * dowim);
        }
        long seconds = (long) date.julianDay * 86400 - DateFields.JULIAN_SEC_POSIX_EPOCH;
        int h = b[HOURS].isEmpty() ? 2 : num(b[HOURS]);
        int m = num(b[MINUTES]);
        int s = num(b[SECONDS]);
        return seconds + (h * 60L + m) * 60 + s;
    }

    // ======================================================================================
    // java.time (zones this system has no file for)
    // ======================================================================================

    /**
     * A table from java.time's rules, shaped like Tcl's: the history, then the current rule applied
     * up to 2099. java.time has no abbreviations for most zones; its short display names stand in.
     */
    static ZoneData fromJavaTime(ZoneId id) {
        ZoneRules rules = id.getRules();
        TimeZone tz = TimeZone.getTimeZone(id);
        List<Row> rows = new ArrayList<>();
        List<ZoneOffsetTransition> trans = rules.getTransitions();
        ZoneOffset first = trans.isEmpty() ? rules.getOffset(Instant.EPOCH) : trans.get(0).getOffsetBefore();
        rows.add(new Row(MINWIDE, first.getTotalSeconds(), false, shortName(tz, false, first)));
        long last = MINWIDE;
        for (ZoneOffsetTransition t : trans) {
            rows.add(row(rules, tz, t));
            last = t.toEpochSecond();
        }
        List<ZoneOffsetTransitionRule> later = rules.getTransitionRules();
        if (!later.isEmpty()) {
            int fromYear = trans.isEmpty() ? 1916 : trans.get(trans.size() - 1).getDateTimeBefore().getYear();
            for (int y = fromYear; y < 2100; y++) {
                List<ZoneOffsetTransition> yearly = new ArrayList<>();
                for (ZoneOffsetTransitionRule r : later) yearly.add(r.createTransition(y));
                yearly.sort((a, b) -> Long.compare(a.toEpochSecond(), b.toEpochSecond()));
                for (ZoneOffsetTransition t : yearly) {
                    if (t.toEpochSecond() > last) {
                        rows.add(row(rules, tz, t));
                        last = t.toEpochSecond();
                    }
                }
            }
        }
        return table(rows);
    }

    private static Row row(ZoneRules rules, TimeZone tz, ZoneOffsetTransition t) {
        Instant at = t.getInstant();
        boolean dst = rules.isDaylightSavings(at);
        ZoneOffset off = t.getOffsetAfter();
        return new Row(t.toEpochSecond(), off.getTotalSeconds(), dst, shortName(tz, dst, off));
    }

    private static String shortName(TimeZone tz, boolean dst, ZoneOffset off) {
        String n = tz.getDisplayName(dst, TimeZone.SHORT, Locale.ROOT);
        if (n.startsWith("GMT") && n.length() > 3) {
            // tzdata names zones without an abbreviation by their offset: +03, -0330
            int s = off.getTotalSeconds();
            String num = formatNumericTimeZone(s);
            return num.endsWith("00") && num.length() == 5 ? num.substring(0, 3) : num;
        }
        return n;
    }
}
