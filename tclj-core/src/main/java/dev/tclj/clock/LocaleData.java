package dev.tclj.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What clock takes from a locale's message catalog (the keys clock.tcl reads with mc): names of
 * days and months, the AM/PM and era words, the numerals of %O and %Ey, the eras of %EC, the
 * formats behind %c %x %X %r %R %T %EY..., and the date of the Gregorian changeover.
 *
 * <p>{@link #ROOT} is the root catalog, built in; the data of other locales comes from msgcat
 * (see ClockCmd). A LocaleData also keeps the scanners compiled for it.
 */
public final class LocaleData {
    /** One entry of LOCALE_ERAS: from this local second on, years count from startYear. */
    public record Era(long seconds, String symbol, long startYear) {}

    public final String[] daysAbbrev, daysFull, monthsAbbrev, monthsFull;
    public final String am, pm, bce, ce;
    /** LOCALE_NUMERALS: the spelling of 0, 1, 2... */
    public final String[] numerals;
    public final Era[] eras;
    /** Indexed like {@link #FORMAT_KEYS}. */
    final String[] formats;
    public final int changeover;

    final Map<String, FormatScanner> scanners = new ConcurrentHashMap<>();

    /** The catalog keys of the composite formats, in the order LocalizeFormat expands them. */
    public static final String[] FORMAT_KEYS = {"LOCALE_YEAR_FORMAT", "TIME_FORMAT_24_SECS", "TIME_FORMAT_24",
        "TIME_FORMAT_12", "TIME_FORMAT", "LOCALE_TIME_FORMAT", "DATE_FORMAT", "LOCALE_DATE_FORMAT",
        "DATE_TIME_FORMAT", "LOCALE_DATE_TIME_FORMAT"};
    /** The groups those formats stand for. */
    private static final String[] FORMAT_GROUPS = {"%EY", "%T", "%R", "%r", "%X", "%EX", "%x", "%Ex", "%c", "%Ec"};

    public LocaleData(String[] daysAbbrev, String[] daysFull, String[] monthsAbbrev, String[] monthsFull,
            String am, String pm, String bce, String ce, String[] numerals, Era[] eras, String[] formats, int changeover) {
        this.daysAbbrev = daysAbbrev;
        this.daysFull = daysFull;
        this.monthsAbbrev = monthsAbbrev;
        this.monthsFull = monthsFull;
        this.am = am;
        this.pm = pm;
        this.bce = bce;
        this.ce = ce;
        this.numerals = numerals;
        this.eras = eras;
        this.formats = formats;
        this.changeover = changeover;
    }

    /** The root catalog of clock.tcl. */
    public static final LocaleData ROOT;

    static {
        String[] numerals = new String[100];
        for (int i = 0; i < 100; i++) numerals[i] = i < 10 ? "0" + i : Integer.toString(i);
        ROOT = new LocaleData(ClockLocale.DAYS_ABBREV, ClockLocale.DAYS_FULL, ClockLocale.MONTHS_ABBREV,
                ClockLocale.MONTHS_FULL, ClockLocale.AM, ClockLocale.PM, ClockLocale.BCE, ClockLocale.CE, numerals,
                new Era[0], rootFormats(), ClockLocale.ROOT_CHANGEOVER);
    }

    /** The root catalog's values of {@link #FORMAT_KEYS}. */
    public static String[] rootFormats() {
        return new String[]{"%EC%Ey", "%H:%M:%S", "%H:%M", "%I:%M:%S %P", "%H:%M:%S", "%H:%M:%S", "%m/%d/%Y",
            "%m/%d/%Y", "%a %b %e %H:%M:%S %Y", "%a %b %e %H:%M:%S %Y"};
    }

    /** lindex of a name list: empty past its end. */
    static String name(String[] names, long i) { return i >= 0 && i < names.length ? names[(int) i] : ""; }

    /** lindex $localeNumerals v. */
    String numeral(long v) { return name(numerals, v); }

    /**
     * LocalizeFormat: the composite groups replaced by the locale's formats (themselves expanded
     * by the groups before them), with the semantics of one string map: at each position the
     * first group of the list that matches is replaced.
     */
    String localizeFormat(String format) {
        if (format.indexOf('%') < 0) return format;
        List<String[]> map = groups;
        if (map == null) {
            map = new ArrayList<>();
            map.add(new String[]{"%%", "%%"});
            map.add(new String[]{"%D", "%m/%d/%Y"});
            map.add(new String[]{"%+", "%a %b %e %H:%M:%S %Z %Y"});
            for (int k = 0; k < FORMAT_GROUPS.length; k++) {
                map.add(new String[]{FORMAT_GROUPS[k], stringMap(map, formats[k])});
            }
            groups = map;
        }
        return stringMap(map, format);
    }

    /** The groups of LocalizeFormat and what each becomes, made on first use. */
    private volatile List<String[]> groups;

    private static String stringMap(List<String[]> map, String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int i = 0, n = s.length();
        outer:
        while (i < n) {
            for (String[] g : map) {
                if (s.startsWith(g[0], i)) {
                    sb.append(g[1]);
                    i += g[0].length();
                    continue outer;
                }
            }
            sb.append(s.charAt(i++));
        }
        return sb.toString();
    }

    /**
     * GetLocaleEra: the era of a date and its year in it; without an era for the date, the
     * century (as two digits) and the year in the century.
     */
    Object[] localeEra(long localSeconds, int year) {
        int index = -1;
        // BSearch: the last era that starts at or before the date
        int lo = 0, hi = eras.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (eras[mid].seconds <= localSeconds) {
                index = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (index < 0) {
            long c = Math.floorDiv(year, 100);
            String era = c >= 0 && c < 10 ? "0" + c : Long.toString(c);
            return new Object[]{era, (long) Math.floorMod(year, 100)};
        }
        return new Object[]{eras[index].symbol, year - eras[index].startYear};
    }
}
