package dev.tclj.clock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code clock scan -format}: a format string compiled into a regular expression plus what each
 * capture sets (ParseClockScanFormat of clock.tcl, root catalog). Which fields decide the date and
 * the time follows clock.tcl's tables of field sets and priorities; among equal priorities the set
 * whose fields came later in the format wins.
 */
public final class FormatScanner {
    /** What a capture does with its text. */
    private enum Action {
        CENTURY, YEAR_OF_CENTURY, ISO_CENTURY, ISO_YEAR_OF_CENTURY, MONTH, DAY_OF_MONTH, DAY_OF_YEAR, JULIAN_DAY,
        HOUR, HOUR_AMPM, MINUTE, SECOND, ISO_WEEK, DAY_OF_WEEK_NUMBER, SECONDS, STARDATE,
        DAY_OF_WEEK_NAME, MONTH_NAME, AMPM, ERA, TZ_NUMERIC, TZ_NAME,
        NUMERAL_DAY_OF_MONTH, NUMERAL_HOUR, NUMERAL_HOUR_AMPM, NUMERAL_MONTH, NUMERAL_MINUTE, NUMERAL_SECOND,
        NUMERAL_DAY_OF_WEEK, NUMERAL_YEAR_OF_CENTURY, IGNORE
    }

    private final Pattern pattern;
    private final List<Action> actions = new ArrayList<>();
    /** For name captures: the lookup from lower-cased text to value. */
    private final List<Map<String, Object>> lookups = new ArrayList<>();
    /** Field name to its position among the format's fields (the last occurrence counts). */
    private final Map<String, Integer> fieldSet = new LinkedHashMap<>();
    private int fieldCount;

    private final LocaleData loc;

    private FormatScanner(String format, LocaleData loc) {
        this.loc = loc;
        StringBuilder re = new StringBuilder("\\A\\s*");
        format = loc.localizeFormat(format).replaceAll("(?U)\\s+", " ");
        String state = "";
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            switch (state) {
                case "" -> {
                    if (c == '%') state = "%";
                    else if (c == ' ') re.append("\\s+");
                    else literal(re, c);
                }
                case "%" -> {
                    state = "";
                    percent(re, c);
                    if (c == 'E') state = "%E";
                    if (c == 'O') state = "%O";
                }
                case "%E" -> {
                    state = "";
                    switch (c) {
                        case 'C' -> {
                            // the era is matched but not used
                            Map<String, Object> d = new LinkedHashMap<>();
                            for (LocaleData.Era e : loc.eras) d.put(e.symbol().toLowerCase(java.util.Locale.ROOT), e.startYear());
                            re.append("(?:").append((String) uniquePrefix(d)[0]).append(')');
                        }
                        case 'E' -> {
                            Map<String, Object> l = new LinkedHashMap<>();
                            l.put(lower(loc.bce), "BCE");
                            l.put(lower(loc.ce), "CE");
                            l.put("b.c.e.", "BCE");
                            l.put("c.e.", "CE");
                            l.put("b.c.", "BCE");
                            l.put("a.d.", "CE");
                            capture(re, uniquePrefix(l), Action.ERA, "era");
                        }
                        case 'y' -> {
                            // matched, but clock.tcl uses the value nowhere
                            re.append(numeralsRegex(loc));
                            actions.add(Action.IGNORE);
                            lookups.add(null);
                        }
                        default -> {
                            re.append("%E");
                            literal(re, c);
                        }
                    }
                }
                default -> {
                    state = "";
                    Action a = switch (c) {
                        case 'd', 'e' -> Action.NUMERAL_DAY_OF_MONTH;
                        case 'H', 'k' -> Action.NUMERAL_HOUR;
                        case 'I', 'l' -> Action.NUMERAL_HOUR_AMPM;
                        case 'm' -> Action.NUMERAL_MONTH;
                        case 'M' -> Action.NUMERAL_MINUTE;
                        case 'S' -> Action.NUMERAL_SECOND;
                        case 'u', 'w' -> Action.NUMERAL_DAY_OF_WEEK;
                        case 'y' -> Action.NUMERAL_YEAR_OF_CENTURY;
                        default -> null;
                    };
                    if (a == null) {
                        re.append("%O");
                        literal(re, c);
                    } else {
                        re.append(numeralsRegex(loc));
                        actions.add(a);
                        lookups.add(null);
                        field(switch (a) {
                            case NUMERAL_DAY_OF_MONTH -> "dayOfMonth";
                            case NUMERAL_HOUR -> "hour";
                            case NUMERAL_HOUR_AMPM -> "hourAMPM";
                            case NUMERAL_MONTH -> "month";
                            case NUMERAL_MINUTE -> "minute";
                            case NUMERAL_SECOND -> "second";
                            case NUMERAL_DAY_OF_WEEK -> "dayOfWeek";
                            default -> "yearOfCentury";
                        });
                    }
                }
            }
        }
        // clock.tcl appends the unfinished state itself: a trailing % must be matched literally
        re.append(state).append("\\s*\\z");
        pattern = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                | Pattern.UNICODE_CHARACTER_CLASS);
    }

    private void percent(StringBuilder re, char c) {
        switch (c) {
            case '%' -> re.append('%');
            case ' ' -> re.append("\\s*");
            case 'a', 'A' -> {
                Map<String, Object> l = new LinkedHashMap<>();
                int[] numbers = {7, 1, 2, 3, 4, 5, 6};
                for (int k = 0; k < 7; k++) {
                    l.put(lower(LocaleData.name(loc.daysAbbrev, k)), numbers[k]);
                    l.put(lower(LocaleData.name(loc.daysFull, k)), numbers[k]);
                }
                capture(re, uniquePrefix(l), Action.DAY_OF_WEEK_NAME, "dayOfWeek");
            }
            case 'b', 'B', 'h' -> {
                Map<String, Object> l = new LinkedHashMap<>();
                int months = Math.max(loc.monthsAbbrev.length, loc.monthsFull.length);
                for (int k = 0; k < months; k++) {
                    l.put(lower(LocaleData.name(loc.monthsAbbrev, k)), k + 1);
                    l.put(lower(LocaleData.name(loc.monthsFull, k)), k + 1);
                }
                capture(re, uniquePrefix(l), Action.MONTH_NAME, "month");
            }
            case 'C' -> number(re, "\\s*(\\d\\d?)", Action.CENTURY, "century");
            case 'd', 'e' -> number(re, "\\s*(\\d\\d?)", Action.DAY_OF_MONTH, "dayOfMonth");
            case 'E', 'O' -> { }
            case 'g' -> number(re, "\\s*(\\d\\d)", Action.ISO_YEAR_OF_CENTURY, "iso8601YearOfCentury");
            case 'G' -> {
                re.append("\\s*(\\d\\d)(\\d\\d)");
                add(Action.ISO_CENTURY, "iso8601Century");
                add(Action.ISO_YEAR_OF_CENTURY, "iso8601YearOfCentury");
            }
            case 'H', 'k' -> number(re, "\\s*(\\d\\d?)", Action.HOUR, "hour");
            case 'I', 'l' -> number(re, "\\s*(\\d\\d?)", Action.HOUR_AMPM, "hourAMPM");
            case 'j' -> number(re, "\\s*(\\d\\d?\\d?)", Action.DAY_OF_YEAR, "dayOfYear");
            case 'J' -> number(re, "\\s*(\\d+)", Action.JULIAN_DAY, "julianDay");
            case 'm', 'N' -> number(re, "\\s*(\\d\\d?)", Action.MONTH, "month");
            case 'M' -> number(re, "\\s*(\\d\\d?)", Action.MINUTE, "minute");
            case 'n' -> re.append("\\n");
            case 'p', 'P' -> {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put(lower(loc.am), 0);
                l.put(lower(loc.pm), 1);
                capture(re, uniquePrefix(l), Action.AMPM, "amPmIndicator");
            }
            case 'Q' -> {
                re.append("Stardate\\s+([-+]?\\d+)(\\d\\d\\d)[.](\\d)");
                actions.add(Action.STARDATE);
                lookups.add(null);
                actions.add(Action.IGNORE);
                lookups.add(null);
                actions.add(Action.IGNORE);
                lookups.add(null);
                field("seconds");
            }
            case 's' -> number(re, "\\s*([-+]?\\d+)", Action.SECONDS, "seconds");
            case 'S' -> number(re, "\\s*(\\d\\d?)", Action.SECOND, "second");
            case 't' -> re.append("\\t");
            case 'u', 'w' -> number(re, "\\s*(\\d)", Action.DAY_OF_WEEK_NUMBER, "dayOfWeek");
            case 'U', 'W' -> re.append("\\s*\\d\\d?");
            case 'V' -> number(re, "\\s*(\\d\\d?)", Action.ISO_WEEK, "iso8601Week");
            case 'y' -> number(re, "\\s*(\\d\\d?)", Action.YEAR_OF_CENTURY, "yearOfCentury");
            case 'Y' -> {
                re.append("\\s*(\\d\\d)(\\d\\d)");
                add(Action.CENTURY, "century");
                add(Action.YEAR_OF_CENTURY, "yearOfCentury");
            }
            case 'z', 'Z' -> {
                re.append("(?:([-+]\\d\\d(?::?\\d\\d(?::?\\d\\d)?)?)|([\\p{Alnum}]{1,4}))");
                actions.add(Action.TZ_NUMERIC);
                lookups.add(null);
                actions.add(Action.TZ_NAME);
                lookups.add(null);
                field("tzName");
            }
            default -> {
                re.append('%');
                literal(re, c);
            }
        }
    }

    private void number(StringBuilder re, String regex, Action a, String field) {
        re.append(regex);
        add(a, field);
    }

    private void add(Action a, String field) {
        actions.add(a);
        lookups.add(null);
        field(field);
    }

    private void capture(StringBuilder re, Object[] regexAndLookup, Action a, String field) {
        re.append('(').append((String) regexAndLookup[0]).append(')');
        actions.add(a);
        @SuppressWarnings("unchecked")
        Map<String, Object> l = (Map<String, Object>) regexAndLookup[1];
        lookups.add(l);
        field(field);
    }

    private void field(String name) {
        fieldSet.put(name, ++fieldCount);
    }

    /** A character matched as itself (Tcl escapes all but letters and digits). */
    private static void literal(StringBuilder re, char c) {
        if (Character.isLetterOrDigit(c)) re.append(c);
        else re.append("\\x{").append(Integer.toHexString(c)).append('}');
    }

    /**
     * LocaleNumeralMatcher: one capture that matches any of the locale's numerals. Tcl's regexp
     * prefers the longest alternative; Java takes the first that fits, so the longer come first.
     */
    private static String numeralsRegex(LocaleData loc) {
        List<String> ns = new ArrayList<>(java.util.Arrays.asList(loc.numerals));
        ns.sort((a, b) -> Integer.compare(b.length(), a.length()));
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < ns.size(); k++) {
            if (k > 0) sb.append('|');
            for (int i = 0; i < ns.get(k).length(); i++) literal(sb, ns.get(k).charAt(i));
        }
        return sb.append(')').toString();
    }

    /** string tolower, character by character as Tcl does it. */
    static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
        return sb.toString();
    }

    /** The value of a numeral (its position among the locale's numerals). */
    private long numeralValue(String field) {
        for (int k = 0; k < loc.numerals.length; k++) if (loc.numerals[k].equalsIgnoreCase(field)) return k;
        return 0;
    }

    /**
     * UniquePrefixRegexp: a regular expression that matches each key and each prefix of a key
     * that no other key shares, and the lookup from any of those to its value.
     */
    static Object[] uniquePrefix(Map<String, Object> data) {
        Map<String, List<Object>> prefixMapping = new LinkedHashMap<>();
        Map<String, TreeSet<Character>> successors = new TreeMap<>();
        successors.put("", new TreeSet<>());
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String key = e.getKey();
            String prefix = "";
            for (int i = 0; i < key.length(); i++) {
                char ch = key.charAt(i);
                successors.computeIfAbsent(prefix, k -> new TreeSet<>()).add(ch);
                prefix += ch;
                prefixMapping.computeIfAbsent(prefix, k -> new ArrayList<>()).add(e.getValue());
                successors.computeIfAbsent(prefix, k -> new TreeSet<>());
            }
        }
        Map<String, Object> unique = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> e : prefixMapping.entrySet()) {
            if (e.getValue().size() == 1) unique.put(e.getKey(), e.getValue().get(0));
        }
        unique.putAll(data);
        return new Object[]{makeRegex(successors, unique, ""), unique};
    }

    private static String makeRegex(Map<String, TreeSet<Character>> successors, Map<String, Object> unique,
            String prefix) {
        TreeSet<Character> schars = successors.get(prefix);
        if (schars == null || schars.isEmpty()) return "";
        StringBuilder re = new StringBuilder();
        boolean isKey = unique.containsKey(prefix);
        if (isKey || schars.size() > 1) re.append("(?:");
        String sep = "";
        for (char c : schars) {
            re.append(sep);
            literal(re, c);
            re.append(makeRegex(successors, unique, prefix + c));
            sep = "|";
        }
        if (isKey) re.append(")?");
        else if (schars.size() > 1) re.append(')');
        return re.toString();
    }

    // ======================================================================================
    // Scanning
    // ======================================================================================

    static FormatScanner of(String format, LocaleData loc) {
        FormatScanner s = loc.scanners.get(format);
        if (s == null) {
            s = new FormatScanner(format, loc);
            if (loc.scanners.size() < 1000) loc.scanners.put(format, s);
        }
        return s;
    }

    /** The -base value, converted only when a field is missing and the base must supply it. */
    public interface Base {
        long seconds() throws ClockError;
    }

    /** clock scan -format: the seconds a string stands for. */
    public static long scan(String string, String format, Base base, String timeZone, LocaleData loc,
            TimeZones zones) throws ClockError {
        return of(format, loc).scan(string, base, timeZone, loc.changeover, zones);
    }

    /** Scans a string; returns the seconds. */
    long scan(String string, Base base, String timeZone, int changeover, TimeZones zones) throws ClockError {
        Matcher m = pattern.matcher(string);
        if (!m.matches()) {
            throw new ClockError("input string does not match supplied format", "CLOCK", "badInputString");
        }
        Map<String, Object> date = new java.util.HashMap<>();
        date.put("tzName", timeZone);
        for (int g = 0; g < actions.size(); g++) {
            String field = g < m.groupCount() ? m.group(g + 1) : null;
            if (field == null) field = "";
            Action a = actions.get(g);
            switch (a) {
                case CENTURY -> date.put("century", scanInt(field));
                case YEAR_OF_CENTURY -> date.put("yearOfCentury", scanInt(field));
                case ISO_CENTURY -> date.put("iso8601Century", scanInt(field));
                case ISO_YEAR_OF_CENTURY -> date.put("iso8601YearOfCentury", scanInt(field));
                case MONTH -> date.put("month", scanInt(field));
                case DAY_OF_MONTH -> date.put("dayOfMonth", scanInt(field));
                case DAY_OF_YEAR -> date.put("dayOfYear", scanInt(field));
                case JULIAN_DAY -> date.put("julianDay", scanLong(field));
                case HOUR -> date.put("hour", scanInt(field));
                case HOUR_AMPM -> date.put("hourAMPM", scanInt(field));
                case MINUTE -> date.put("minute", scanInt(field));
                case SECOND -> date.put("second", scanInt(field));
                case ISO_WEEK -> date.put("iso8601Week", scanInt(field));
                case DAY_OF_WEEK_NUMBER, NUMERAL_DAY_OF_WEEK -> {
                    long dow = a == Action.DAY_OF_WEEK_NUMBER ? scanInt(field) : numeralValue(field);
                    if (dow == 0) {
                        dow = 7;
                    } else if (dow > 7) {
                        throw new ClockError("day of week is greater than 7", "CLOCK", "badDayOfWeek");
                    }
                    date.put("dayOfWeek", dow);
                }
                case SECONDS -> date.put("seconds", scanWide(field));
                case STARDATE ->
                    // clock.tcl's stardate scanner reads the wrong captures and then calls a
                    // procedure that does not exist
                    throw new ClockError("invalid command name \"GetJulianDayFromGregorianEraYearDay\"",
                            "TCL", "LOOKUP", "COMMAND", "GetJulianDayFromGregorianEraYearDay");
                case DAY_OF_WEEK_NAME -> date.put("dayOfWeek", lookup(g, field));
                case MONTH_NAME -> date.put("month", lookup(g, field));
                case AMPM -> date.put("amPmIndicator", lookup(g, field));
                case ERA -> date.put("era", lookup(g, field));
                case TZ_NUMERIC -> {
                    if (!field.isEmpty()) {
                        date.put("tzName", field);
                        g++;   // the alternative's capture is unused
                    }
                }
                case TZ_NAME -> date.put("tzName", legacyTimeZone(field));
                case NUMERAL_DAY_OF_MONTH -> date.put("dayOfMonth", numeralValue(field));
                case NUMERAL_HOUR -> date.put("hour", numeralValue(field));
                case NUMERAL_HOUR_AMPM -> date.put("hourAMPM", numeralValue(field));
                case NUMERAL_MONTH -> date.put("month", numeralValue(field));
                case NUMERAL_MINUTE -> date.put("minute", numeralValue(field));
                case NUMERAL_SECOND -> date.put("second", numeralValue(field));
                case NUMERAL_YEAR_OF_CENTURY -> date.put("yearOfCentury", numeralValue(field));
                case IGNORE -> { }
            }
        }
        if (fieldSet.containsKey("seconds")) return (Long) date.get("seconds");
        if (fieldSet.containsKey("tzName")) timeZone = (String) date.get("tzName");
        ZoneData zone = zones.setup(timeZone);
        DateFields d = dateFromFields(date, base, zone, changeover);
        long julianDay = "none".equals(choose(DATE_ACTIONS)) ? get(date, "julianDay") : d.julianDay;
        long secondOfDay = timeFromFields(date);
        if (julianDay > 5373484) {
            throw new ClockError("requested date too large to represent", "CLOCK", "dateTooLarge");
        }
        d.localSeconds = -210866803200L + 86400L * julianDay + secondOfDay;
        d.tzName = timeZone;
        zone.localToUtc(d, changeover);
        return d.seconds;
    }

    private Object lookup(int g, String field) {
        return lookups.get(g).get(field.toLowerCase(java.util.Locale.ROOT));
    }

    /** ConvertLegacyTimeZone: a zone abbreviation of the old free-form scanner, as +hhmm. */
    static String legacyTimeZone(String name) throws ClockError {
        String tz = name.toLowerCase(java.util.Locale.ROOT);
        String v = LEGACY_ZONES.get(tz);
        if (v == null) throw new ClockError("time zone \"" + tz + "\" not found", "CLOCK", "badTZName", tz);
        return v;
    }

    private static final Map<String, String> LEGACY_ZONES = new java.util.HashMap<>();

    static {
        String[] z = {
            "gmt", "+0000", "ut", "+0000", "utc", "+0000", "bst", "+0100", "wet", "+0000", "wat", "-0100",
            "at", "-0200", "nft", "-0330", "nst", "-0330", "ndt", "-0230", "ast", "-0400", "adt", "-0300",
            "est", "-0500", "edt", "-0400", "cst", "-0600", "cdt", "-0500", "mst", "-0700", "mdt", "-0600",
            "pst", "-0800", "pdt", "-0700", "yst", "-0900", "ydt", "-0800", "hst", "-1000", "hdt", "-0900",
            "cat", "-1000", "ahst", "-1000", "nt", "-1100", "idlw", "-1200", "cet", "+0100", "cest", "+0200",
            "met", "+0100", "mewt", "+0100", "mest", "+0200", "swt", "+0100", "sst", "+0200", "fwt", "+0100",
            "fst", "+0200", "eet", "+0200", "eest", "+0300", "bt", "+0300", "it", "+0330", "zp4", "+0400",
            "zp5", "+0500", "ist", "+0530", "zp6", "+0600", "wast", "+0700", "wadt", "+0800", "jt", "+0730",
            "cct", "+0800", "jst", "+0900", "kst", "+0900", "cast", "+0930", "jdt", "+1000", "kdt", "+1000",
            "cadt", "+1030", "east", "+1000", "eadt", "+1030", "gst", "+1000", "nzt", "+1200", "nzst", "+1200",
            "nzdt", "+1300", "idle", "+1200", "a", "+0100", "b", "+0200", "c", "+0300", "d", "+0400",
            "e", "+0500", "f", "+0600", "g", "+0700", "h", "+0800", "i", "+0900", "k", "+1000", "l", "+1100",
            "m", "+1200", "n", "-0100", "o", "-0200", "p", "-0300", "q", "-0400", "r", "-0500", "s", "-0600",
            "t", "-0700", "u", "-0800", "v", "-0900", "w", "-1000", "x", "-1100", "y", "-1200", "z", "+0000",
        };
        for (int i = 0; i < z.length; i += 2) LEGACY_ZONES.put(z[i], z[i + 1]);
    }

    /** ::scan $field %d on a run of digits: decimal, 32 bits. */
    private static long scanInt(String s) {
        long v = scanLong(s);
        return (int) v;
    }

    private static long scanLong(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 10);
            if (d < 0) break;
            v = v * 10 + d;
        }
        return v;
    }

    /** ScanWide: a signed 64-bit integer, or Tcl's error for one that does not fit. */
    private static long scanWide(String s) throws ClockError {
        try {
            String t = s.startsWith("+") ? s.substring(1) : s;
            long v = Long.parseLong(t);
            // clock.tcl compares the value with the text, as numbers: "08" is no number and differs
            String digits = t.startsWith("-") ? t.substring(1) : t;
            if (digits.length() > 1 && digits.charAt(0) == '0' && digits.chars().anyMatch(ch -> ch == '8' || ch == '9')) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ClockError("integer value too large to represent", "CLOCK", "integervalueTooLarge");
        }
    }

    // ======================================================================================
    // Which fields make the date and the time
    // ======================================================================================

    private static final Object[][] DATE_ACTIONS = {
        {new String[]{"seconds"}, 0, "none"},
        {new String[]{"julianDay"}, 1, "none"},
        {new String[]{"era", "century", "yearOfCentury", "month", "dayOfMonth"}, 2, "ecymd"},
        {new String[]{"era", "century", "yearOfCentury", "dayOfYear"}, 2, "ecyj"},
        {new String[]{"century", "yearOfCentury", "month", "dayOfMonth"}, 3, "cymd"},
        {new String[]{"century", "yearOfCentury", "dayOfYear"}, 3, "cyj"},
        {new String[]{"iso8601Century", "iso8601YearOfCentury", "iso8601Week", "dayOfWeek"}, 3, "CYwd"},
        {new String[]{"yearOfCentury", "month", "dayOfMonth"}, 4, "ymd"},
        {new String[]{"yearOfCentury", "dayOfYear"}, 4, "yj"},
        {new String[]{"iso8601YearOfCentury", "iso8601Week", "dayOfWeek"}, 4, "Ywd"},
        {new String[]{"month", "dayOfMonth"}, 5, "md"},
        {new String[]{"dayOfYear"}, 5, "j"},
        {new String[]{"iso8601Week", "dayOfWeek"}, 5, "wd"},
        {new String[]{"dayOfMonth"}, 6, "d"},
        {new String[]{"dayOfWeek"}, 7, "D"},
        {new String[]{}, 8, "base"},
    };

    private static final Object[][] TIME_ACTIONS = {
        {new String[]{"seconds"}, 1, "none"},
        {new String[]{"hourAMPM", "minute", "second", "amPmIndicator"}, 2, "IMSp"},
        {new String[]{"hour", "minute", "second"}, 2, "HMS"},
        {new String[]{"hourAMPM", "minute", "amPmIndicator"}, 3, "IMp"},
        {new String[]{"hour", "minute"}, 3, "HM"},
        {new String[]{"hourAMPM", "amPmIndicator"}, 4, "Ip"},
        {new String[]{"hour"}, 4, "H"},
        {new String[]{}, 5, "midnight"},
    };

    /** MakeParseCodeFromFields: the action for the field set. */
    private String choose(Object[][] table) {
        int currPrio = 999;
        List<Integer> currPos = List.of();
        String curr = null;
        for (Object[] entry : table) {
            String[] fields = (String[]) entry[0];
            int prio = (Integer) entry[1];
            if (prio > currPrio) break;
            List<Integer> pos = new ArrayList<>();
            boolean ok = true;
            for (String f : fields) {
                Integer p = fieldSet.get(f);
                if (p == null) {
                    ok = false;
                    break;
                }
                pos.add(p);
            }
            if (!ok) continue;
            pos.sort((a, b) -> Integer.compare(b, a));
            if (prio == currPrio) {
                int n = Math.max(pos.size(), currPos.size());
                // clock.tcl compares the lists with foreach, a missing element being "": a
                // shorter new list loses, a longer one wins, else the first difference decides
                for (int k = 0; k < n; k++) {
                    if (k >= pos.size()) {
                        ok = false;
                        break;
                    }
                    if (k >= currPos.size() || pos.get(k) > currPos.get(k)) break;
                    if (pos.get(k) < currPos.get(k)) {
                        ok = false;
                        break;
                    }
                }
            }
            if (!ok) continue;
            currPrio = prio;
            currPos = pos;
            curr = (String) entry[2];
        }
        return curr;
    }

    private static long get(Map<String, Object> date, String key) {
        Object v = date.get(key);
        return v instanceof Long l ? l : ((Integer) v).longValue();
    }

    private DateFields dateFromFields(Map<String, Object> date, Base base, ZoneData zone, int changeover)
            throws ClockError {
        DateFields d = new DateFields();
        String action = choose(DATE_ACTIONS);
        switch (action) {
            case "none" -> d.julianDay = (int) get(date, "julianDay");
            case "ecymd", "cymd", "ymd", "md", "d" -> {
                switch (action) {
                    case "ecymd" -> {
                        d.bce = "BCE".equals(date.get("era"));
                        d.year = (int) (100 * get(date, "century") + get(date, "yearOfCentury"));
                    }
                    case "cymd" -> d.year = (int) (100 * get(date, "century") + get(date, "yearOfCentury"));
                    case "ymd" -> d.year = twoDigitYear(get(date, "yearOfCentury"));
                    case "md" -> {
                        DateFields b = DateFields.fromSeconds(base.seconds(), zone, changeover);
                        d.bce = b.bce;
                        d.year = b.year;
                    }
                    default -> {
                        DateFields b = DateFields.fromSeconds(base.seconds(), zone, changeover);
                        d.bce = b.bce;
                        d.year = b.year;
                        d.month = b.month;
                    }
                }
                if (!action.equals("d")) d.month = (int) get(date, "month");
                d.dayOfMonth = (int) get(date, "dayOfMonth");
                d.julianDayFromEraYearMonthDay(changeover);
            }
            case "ecyj", "cyj", "yj", "j" -> {
                switch (action) {
                    case "ecyj" -> {
                        d.bce = "BCE".equals(date.get("era"));
                        d.year = (int) (100 * get(date, "century") + get(date, "yearOfCentury"));
                    }
                    case "cyj" -> d.year = (int) (100 * get(date, "century") + get(date, "yearOfCentury"));
                    case "yj" -> d.year = twoDigitYear(get(date, "yearOfCentury"));
                    default -> {
                        DateFields b = DateFields.fromSeconds(base.seconds(), zone, changeover);
                        d.bce = b.bce;
                        d.year = b.year;
                    }
                }
                d.dayOfYear = (int) get(date, "dayOfYear");
                d.julianDayFromEraYearDay(changeover);
            }
            case "CYwd", "Ywd", "wd", "D" -> {
                switch (action) {
                    case "CYwd" -> d.iso8601Year = (int) (100 * get(date, "iso8601Century") + get(date, "iso8601YearOfCentury"));
                    case "Ywd" -> d.iso8601Year = twoDigitYear(get(date, "iso8601YearOfCentury"));
                    case "wd" -> d.iso8601Year = DateFields.fromSeconds(base.seconds(), zone, changeover).iso8601Year;
                    default -> {
                        DateFields b = DateFields.fromSeconds(base.seconds(), zone, changeover);
                        d.iso8601Year = b.iso8601Year;
                        d.iso8601Week = b.iso8601Week;
                    }
                }
                d.bce = false;
                if (!action.equals("D")) d.iso8601Week = (int) get(date, "iso8601Week");
                d.dayOfWeek = (int) get(date, "dayOfWeek");
                d.julianDayFromEraYearWeekDay(changeover);
            }
            default -> d.julianDay = DateFields.fromSeconds(base.seconds(), zone, changeover).julianDay;
        }
        return d;
    }

    /** InterpretTwoDigitYear: 00-37 are 2000-2037, 38-99 are 1938-1999. */
    private static int twoDigitYear(long yr) {
        return (int) (yr <= 37 ? yr + 2000 : yr + 1900);
    }

    private long timeFromFields(Map<String, Object> date) {
        String action = choose(TIME_ACTIONS);
        long hour, minute = 0, second = 0;
        switch (action) {
            case "IMSp", "IMp", "Ip" -> {
                hour = get(date, "hourAMPM");
                if (hour == 12) hour = 0;
                if (get(date, "amPmIndicator") != 0) hour += 12;
                if (!action.equals("Ip")) minute = get(date, "minute");
                if (action.equals("IMSp")) second = get(date, "second");
            }
            case "HMS", "HM", "H" -> {
                hour = get(date, "hour");
                if (!action.equals("H")) minute = get(date, "minute");
                if (action.equals("HMS")) second = get(date, "second");
            }
            default -> {
                return 0;
            }
        }
        return (hour * 60 + minute) * 60 + second;
    }
}
