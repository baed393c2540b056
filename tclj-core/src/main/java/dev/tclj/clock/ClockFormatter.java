package dev.tclj.clock;

import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.FormatCmd;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code clock format}: expands the %-groups of a format string for a date (ParseClockFormatFormat2
 * of clock.tcl, root catalog). The arithmetic on local seconds is Tcl's (floor division), the
 * padding is Tcl's format's (%02d, %2d, %03d, %04d, %07ld).
 */
public final class ClockFormatter {
    private ClockFormatter() {}

    /**
     * Formats fields (from {@link DateFields#fromSeconds}) with a format string. As in clock.tcl,
     * the format becomes a format string for Tcl's format command plus the values of its groups,
     * so that odd formats (a "%" left after %E or %O) fail as they do in tclsh.
     */
    public static String format(String format, DateFields d, LocaleData loc) throws TclException {
        format = loc.localizeFormat(format);
        Object[] era = null;   // GetLocaleEra, done once when a %E group needs it
        StringBuilder fmt = new StringBuilder(format.length() + 16);
        List<TclObj> args = new ArrayList<>();
        long ls = d.localSeconds;
        int n = format.length();
        int i = 0;
        while (i < n) {
            char c = format.charAt(i++);
            if (c != '%') {
                fmt.append(c);
                continue;
            }
            if (i >= n) {
                fmt.append("%%");   // a trailing % stands for itself
                break;
            }
            c = format.charAt(i++);
            switch (c) {
                case '%' -> fmt.append("%%");
                case 'a' -> arg(fmt, args, "%s", LocaleData.name(loc.daysAbbrev, d.dayOfWeek % 7));
                case 'A' -> arg(fmt, args, "%s", LocaleData.name(loc.daysFull, d.dayOfWeek % 7));
                case 'b', 'h' -> arg(fmt, args, "%s", LocaleData.name(loc.monthsAbbrev, d.month - 1));
                case 'B' -> arg(fmt, args, "%s", LocaleData.name(loc.monthsFull, d.month - 1));
                case 'C' -> arg(fmt, args, "%02d", Math.floorDiv(d.year, 100));
                case 'd' -> arg(fmt, args, "%02d", d.dayOfMonth);
                case 'e' -> arg(fmt, args, "%2d", d.dayOfMonth);
                case 'g' -> arg(fmt, args, "%02d", Math.floorMod(d.iso8601Year, 100));
                case 'G' -> arg(fmt, args, "%02d", d.iso8601Year);
                case 'H' -> arg(fmt, args, "%02d", hour(ls));
                case 'I' -> arg(fmt, args, "%02d", hour12(ls));
                case 'j' -> arg(fmt, args, "%03d", d.dayOfYear);
                case 'J' -> arg(fmt, args, "%07ld", d.julianDay);
                case 'k' -> arg(fmt, args, "%2d", hour(ls));
                case 'l' -> arg(fmt, args, "%2d", hour12(ls));
                case 'm' -> arg(fmt, args, "%02d", d.month);
                case 'M' -> arg(fmt, args, "%02d", Math.floorMod(Math.floorDiv(ls, 60), 60));
                case 'n' -> fmt.append('\n');
                case 'N' -> arg(fmt, args, "%2d", d.month);
                case 'p' -> arg(fmt, args, "%s", Math.floorMod(ls, 86400) < 43200 ? upper(loc.am) : upper(loc.pm));
                case 'P' -> arg(fmt, args, "%s", Math.floorMod(ls, 86400) < 43200 ? loc.am : loc.pm);
                case 'Q' -> arg(fmt, args, "%s", starDate(d));
                case 's' -> arg(fmt, args, "%s", d.seconds);
                case 'S' -> arg(fmt, args, "%02d", Math.floorMod(ls, 60));
                case 't' -> fmt.append('\t');
                case 'u' -> arg(fmt, args, "%1d", d.dayOfWeek);
                case 'U' -> {
                    int dow = d.dayOfWeek == 7 ? 0 : d.dayOfWeek;
                    arg(fmt, args, "%02d", Math.floorDiv(d.dayOfYear - (dow + 1) + 7, 7));
                }
                case 'V' -> arg(fmt, args, "%02d", d.iso8601Week);
                case 'w' -> arg(fmt, args, "%1d", d.dayOfWeek % 7);
                case 'W' -> arg(fmt, args, "%02d", Math.floorDiv(d.dayOfYear - d.dayOfWeek + 7, 7));
                case 'y' -> arg(fmt, args, "%02d", Math.floorMod(d.year, 100));
                case 'Y' -> arg(fmt, args, "%04d", d.year);
                case 'z' -> arg(fmt, args, "%s", ZoneData.formatNumericTimeZone(d.tzOffset));
                case 'Z' -> arg(fmt, args, "%s", d.tzName);
                case 'E' -> {
                    if (i >= n) break;   // a trailing %E vanishes
                    char e = format.charAt(i++);
                    if (era == null) era = loc.localeEra(ls, d.year);
                    switch (e) {
                        case 'E' -> arg(fmt, args, "%s", d.bce ? loc.bce : loc.ce);
                        case 'C' -> arg(fmt, args, "%s", era[0]);
                        case 'y' -> {
                            long y = (Long) era[1];
                            arg(fmt, args, "%s", y >= 0 && y < 100 ? loc.numeral(y) : Long.toString(y));
                        }
                        default -> fmt.append("%%E").append(e);
                    }
                }
                case 'O' -> {
                    if (i >= n) break;   // a trailing %O vanishes
                    char o = format.charAt(i++);
                    switch (o) {
                        case 'd', 'e' -> arg(fmt, args, "%s", loc.numeral(d.dayOfMonth));
                        case 'H', 'k' -> arg(fmt, args, "%s", loc.numeral(hour(ls)));
                        case 'I', 'l' -> arg(fmt, args, "%s", loc.numeral(hour12(ls)));
                        case 'm' -> arg(fmt, args, "%s", loc.numeral(d.month));
                        case 'M' -> arg(fmt, args, "%s", loc.numeral(Math.floorMod(Math.floorDiv(ls, 60), 60)));
                        case 'S' -> arg(fmt, args, "%s", loc.numeral(Math.floorMod(ls, 60)));
                        case 'u' -> arg(fmt, args, "%s", loc.numeral(d.dayOfWeek));
                        case 'w' -> arg(fmt, args, "%s", loc.numeral(d.dayOfWeek % 7));
                        case 'y' -> arg(fmt, args, "%s", loc.numeral(Math.floorMod(d.year, 100)));
                        default -> fmt.append("%%O").append(o);
                    }
                }
                default -> fmt.append("%%").append(c);
            }
        }
        TclObj[] argv = args.toArray(new TclObj[0]);
        return FormatCmd.format(fmt.toString(), argv, 0);
    }

    private static void arg(StringBuilder fmt, List<TclObj> args, String spec, Object value) {
        fmt.append(spec);
        args.add(value instanceof String s ? TclObj.of(s) : TclObj.of(((Number) value).longValue()));
    }

    /** string toupper. */
    private static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toUpperCase(c)));
        return sb.toString();
    }

    private static long hour(long ls) { return Math.floorMod(Math.floorDiv(ls, 3600), 24); }

    private static long hour12(long ls) {
        return Math.floorMod(Math.floorDiv(Math.floorMod(ls, 86400) + 86400 - 3600, 3600), 12) + 1;
    }

    /** printf's %0Nd / %Nd: the sign first, then zeros (or spaces before it). */
    static void pad(StringBuilder out, long v, int width, char fill) {
        String digits = Long.toString(Math.abs(v));
        if (v == Long.MIN_VALUE) digits = digits.substring(1);
        int len = digits.length() + (v < 0 ? 1 : 0);
        if (fill == ' ') {
            for (int k = len; k < width; k++) out.append(' ');
            if (v < 0) out.append('-');
        } else {
            if (v < 0) out.append('-');
            for (int k = len; k < width; k++) out.append('0');
        }
        out.append(digits);
    }

    /** FormatStarDate: years since 1946, thousandths of the year, tenths of the day. */
    private static String starDate(DateFields d) {
        long doy = d.dayOfYear - 1;
        long fractYear = Math.floorDiv(1000 * doy, d.isGregorianLeapYear() ? 366 : 365);
        StringBuilder sb = new StringBuilder("Stardate ");
        pad(sb, d.year - 1946L, 2, '0');
        pad(sb, fractYear, 3, '0');
        sb.append('.');
        sb.append(Math.floorDiv(Math.floorMod(d.localSeconds, 86400), 8640));
        return sb.toString();
    }
}
