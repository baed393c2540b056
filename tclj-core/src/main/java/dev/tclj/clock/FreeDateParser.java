package dev.tclj.clock;

/**
 * The free-form date parser of {@code clock scan} without -format (Tcl's tclGetDate.y, the
 * "Oldscan" command): a lexer over the string's UTF-8 bytes and a recursive-descent parser that
 * accepts what Tcl's LALR(1) parser accepts, with its conflicts resolved the same way (shift
 * wins: after a number, '-' always starts a date), so that errors are reported at the same token
 * with bison's message ("syntax error (characters first-last)").
 *
 * <p>The grammar: a spec is a sequence of items, each a time (12:30[:45] [am|pm], 5pm), a zone
 * (EST, EDT, CET DST, +0100), a date (1/15[/2024], 2024-01-15, 15-jan-2024, jan 15[, 2024],
 * 15 jan [2024], 20240115, epoch), an ordinal month (next march, next 2 march), a day (monday,
 * next monday, 2 monday, -1 monday), a relative time ([+-]n unit, next unit, unit, ... ago), an
 * ISO 8601 date-time (20240115T103000, 2024-01-15T10:30:00), a stardate, or a bare number (a time
 * of day, or the year once a date and a time are known).
 */
final class FreeDateParser {
    // Token types
    private static final int EOF = 0, AGO = 256, DAY = 257, DAYZONE = 258, ID = 259, MERIDIAN = 260, MONTH = 261,
            MONTH_UNIT = 262, STARDATE = 263, SEC_UNIT = 264, UNUMBER = 266, ZONE = 267, EPOCH = 268, DST = 269,
            ISOBASE = 270, DAY_UNIT = 271, NEXT = 272;
    private static final int MER_AM = 0, MER_PM = 1, MER_24 = 2;
    private static final int DST_ON = 0, DST_OFF = 1, DST_MAYBE = 2;

    /** Thrown for a syntax error (with bison's message) or an abort (empty message). */
    static final class ParseError extends Exception {
        ParseError(String m) { super(m, null, false, false); }
    }

    // The parse results (Tcl's DateInfo).
    long year, month, day;
    int haveDate;
    long hour, minutes, seconds;
    int meridian = MER_24;
    int haveTime;
    long timezone;
    int dstMode = DST_MAYBE;
    int haveZone;
    long relMonth, relDay, relSeconds;
    int haveRel;
    long monthOrdinal;
    int haveOrdinalMonth;
    long dayOrdinal, dayNumber;
    int haveDay;
    /** Which relative field the last unit named: 0 seconds, 1 days, 2 months. */
    private int relPointer;

    // Lexer state
    private final byte[] in;
    private int pos;
    private int digitCount;
    // The lookahead token
    private int tok = -1;
    private long tokValue;
    private int first, last;

    FreeDateParser(String s, long baseYear, long baseMonth, long baseDay) {
        in = tclUtf(s);
        year = baseYear;
        month = baseMonth;
        day = baseDay;
    }

    /** The string as Tcl's internal UTF-8 (NUL as C0 80, surrogates one by one), NUL-terminated. */
    private static byte[] tclUtf(String s) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length() + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                b.write(c);
            } else if (c < 0x800) {
                b.write(0xC0 | (c >> 6));
                b.write(0x80 | (c & 0x3F));
            } else {
                b.write(0xE0 | (c >> 12));
                b.write(0x80 | ((c >> 6) & 0x3F));
                b.write(0x80 | (c & 0x3F));
            }
        }
        b.write(0);
        return b.toByteArray();
    }

    // ======================================================================================
    // Lexer (TclDatelex)
    // ======================================================================================

    private static boolean isSpace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

    private static boolean isDigit(int c) { return c >= '0' && c <= '9'; }

    private static boolean isAlpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private int peek() {
        if (tok < 0) lex();
        return tok;
    }

    private void advance() { tok = -1; }

    private void lex() {
        first = pos;
        while (true) {
            while (isSpace(in[pos] & 0xFF)) pos++;
            int c = in[pos] & 0xFF;
            if (isDigit(c)) {
                long v = 0;
                int count = 0;
                while (isDigit(in[pos] & 0xFF)) {
                    v = 10 * v + (in[pos++] - '0');
                    count++;
                }
                digitCount = count;
                tokValue = v;
                last = pos - 1;
                tok = count >= 6 ? ISOBASE : UNUMBER;
                return;
            }
            if (c < 0x80 && isAlpha(c)) {
                StringBuilder buff = new StringBuilder();
                while (isAlpha(in[pos] & 0xFF) || in[pos] == '.') {
                    if (buff.length() < 19) buff.append((char) in[pos]);
                    pos++;
                }
                last = pos - 1;
                tok = lookupWord(buff.toString().toLowerCase(java.util.Locale.ROOT));
                return;
            }
            if (c != '(') {
                last = pos;
                // Tcl's lexer returns a byte as a signed char: from 0x80 on it is negative, which
                // bison takes for the end of the input
                tok = c >= 0x80 ? EOF : c;
                if (c != 0) pos++;
                return;
            }
            // a parenthesized comment, possibly nested
            int depth = 0;
            do {
                c = in[pos++] & 0xFF;
                if (c == 0) {
                    pos--;
                    last = pos;
                    tok = EOF;
                    return;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } while (depth > 0);
        }
    }

    private record Entry(String name, int type, long value) {}

    private static long hour(long h) { return 60 * h; }

    private static final Entry[] MONTH_DAY = {
        new Entry("january", MONTH, 1), new Entry("february", MONTH, 2), new Entry("march", MONTH, 3),
        new Entry("april", MONTH, 4), new Entry("may", MONTH, 5), new Entry("june", MONTH, 6),
        new Entry("july", MONTH, 7), new Entry("august", MONTH, 8), new Entry("september", MONTH, 9),
        new Entry("sept", MONTH, 9), new Entry("october", MONTH, 10), new Entry("november", MONTH, 11),
        new Entry("december", MONTH, 12), new Entry("sunday", DAY, 0), new Entry("monday", DAY, 1),
        new Entry("tuesday", DAY, 2), new Entry("tues", DAY, 2), new Entry("wednesday", DAY, 3),
        new Entry("wednes", DAY, 3), new Entry("thursday", DAY, 4), new Entry("thur", DAY, 4),
        new Entry("thurs", DAY, 4), new Entry("friday", DAY, 5), new Entry("saturday", DAY, 6),
    };
    private static final Entry[] UNITS = {
        new Entry("year", MONTH_UNIT, 12), new Entry("month", MONTH_UNIT, 1), new Entry("fortnight", DAY_UNIT, 14),
        new Entry("week", DAY_UNIT, 7), new Entry("day", DAY_UNIT, 1), new Entry("hour", SEC_UNIT, 3600),
        new Entry("minute", SEC_UNIT, 60), new Entry("min", SEC_UNIT, 60), new Entry("second", SEC_UNIT, 1),
        new Entry("sec", SEC_UNIT, 1),
    };
    private static final Entry[] OTHER = {
        new Entry("tomorrow", DAY_UNIT, 1), new Entry("yesterday", DAY_UNIT, -1), new Entry("today", DAY_UNIT, 0),
        new Entry("now", SEC_UNIT, 0), new Entry("last", UNUMBER, -1), new Entry("this", SEC_UNIT, 0),
        new Entry("next", NEXT, 1), new Entry("ago", AGO, 1), new Entry("epoch", EPOCH, 0),
        new Entry("stardate", STARDATE, 0),
    };
    private static final Entry[] ZONES = {
        new Entry("gmt", ZONE, hour(0)), new Entry("ut", ZONE, hour(0)), new Entry("utc", ZONE, hour(0)),
        new Entry("uct", ZONE, hour(0)), new Entry("wet", ZONE, hour(0)), new Entry("bst", DAYZONE, hour(0)),
        new Entry("wat", ZONE, hour(1)), new Entry("at", ZONE, hour(2)), new Entry("nft", ZONE, hour(7 / 2)),
        new Entry("nst", ZONE, hour(7 / 2)), new Entry("ndt", DAYZONE, hour(7 / 2)), new Entry("ast", ZONE, hour(4)),
        new Entry("adt", DAYZONE, hour(4)), new Entry("est", ZONE, hour(5)), new Entry("edt", DAYZONE, hour(5)),
        new Entry("cst", ZONE, hour(6)), new Entry("cdt", DAYZONE, hour(6)), new Entry("mst", ZONE, hour(7)),
        new Entry("mdt", DAYZONE, hour(7)), new Entry("pst", ZONE, hour(8)), new Entry("pdt", DAYZONE, hour(8)),
        new Entry("yst", ZONE, hour(9)), new Entry("ydt", DAYZONE, hour(9)), new Entry("hst", ZONE, hour(10)),
        new Entry("hdt", DAYZONE, hour(10)), new Entry("cat", ZONE, hour(10)), new Entry("ahst", ZONE, hour(10)),
        new Entry("nt", ZONE, hour(11)), new Entry("idlw", ZONE, hour(12)), new Entry("cet", ZONE, -hour(1)),
        new Entry("cest", DAYZONE, -hour(1)), new Entry("met", ZONE, -hour(1)), new Entry("mewt", ZONE, -hour(1)),
        new Entry("mest", DAYZONE, -hour(1)), new Entry("swt", ZONE, -hour(1)), new Entry("sst", DAYZONE, -hour(1)),
        new Entry("fwt", ZONE, -hour(1)), new Entry("fst", DAYZONE, -hour(1)), new Entry("eet", ZONE, -hour(2)),
        new Entry("bt", ZONE, -hour(3)), new Entry("it", ZONE, -hour(7 / 2)), new Entry("zp4", ZONE, -hour(4)),
        new Entry("zp5", ZONE, -hour(5)), new Entry("ist", ZONE, -hour(11 / 2)), new Entry("zp6", ZONE, -hour(6)),
        new Entry("wast", ZONE, -hour(7)), new Entry("wadt", DAYZONE, -hour(7)), new Entry("jt", ZONE, -hour(15 / 2)),
        new Entry("cct", ZONE, -hour(8)), new Entry("jst", ZONE, -hour(9)), new Entry("jdt", DAYZONE, -hour(9)),
        new Entry("kst", ZONE, -hour(9)), new Entry("kdt", DAYZONE, -hour(9)), new Entry("cast", ZONE, -hour(19 / 2)),
        new Entry("cadt", DAYZONE, -hour(19 / 2)), new Entry("east", ZONE, -hour(10)),
        new Entry("eadt", DAYZONE, -hour(10)), new Entry("gst", ZONE, -hour(10)), new Entry("nzt", ZONE, -hour(12)),
        new Entry("nzst", ZONE, -hour(12)), new Entry("nzdt", DAYZONE, -hour(12)), new Entry("idle", ZONE, -hour(12)),
        new Entry("dst", DST, hour(0)),
    };

    /**
     * A military zone letter's value; Tcl adds 100 hours so that the zone rule can tell a letter
     * (and 'T' of an ISO date-time) from a named zone.
     */
    private static long military(char c) {
        int h;
        if (c == 'z') h = 0;
        else if (c >= 'a' && c <= 'i') h = -(c - 'a' + 1);
        else if (c >= 'k' && c <= 'm') h = -(c - 'k' + 10);
        else if (c >= 'n' && c <= 'y') h = c - 'n' + 1;
        else return Long.MIN_VALUE;
        return hour(h) + hour(100);
    }

    /** LookupWord: the token for a (lower-cased) word. */
    private int lookupWord(String buff) {
        if (buff.equals("am") || buff.equals("a.m.")) {
            tokValue = MER_AM;
            return MERIDIAN;
        }
        if (buff.equals("pm") || buff.equals("p.m.")) {
            tokValue = MER_PM;
            return MERIDIAN;
        }
        boolean abbrev;
        if (buff.length() == 3) {
            abbrev = true;
        } else if (buff.length() == 4 && buff.charAt(3) == '.') {
            abbrev = true;
            buff = buff.substring(0, 3);
        } else {
            abbrev = false;
        }
        for (Entry e : MONTH_DAY) {
            if (abbrev ? e.name.startsWith(buff) : e.name.equals(buff)) return found(e);
        }
        for (Entry e : ZONES) if (e.name.equals(buff)) return found(e);
        for (Entry e : UNITS) if (e.name.equals(buff)) return found(e);
        int i = buff.length() - 1;
        if (i > 0 && buff.charAt(i) == 's') {
            String single = buff.substring(0, i);
            for (Entry e : UNITS) if (e.name.equals(single)) return found(e);
            buff = single;
        }
        for (Entry e : OTHER) if (e.name.equals(buff)) return found(e);
        if (buff.length() == 1) {
            long v = military(buff.charAt(0));
            if (v != Long.MIN_VALUE) {
                tokValue = v;
                return ZONE;
            }
        }
        String noDots = buff.replace(".", "");
        if (noDots.length() != buff.length()) {
            for (Entry e : ZONES) if (e.name.equals(noDots)) return found(e);
        }
        return ID;
    }

    private int found(Entry e) {
        tokValue = e.value;
        return e.type;
    }

    // ======================================================================================
    // Parser
    // ======================================================================================

    private ParseError syntaxError() {
        peek();
        return new ParseError("syntax error (characters " + first + "-" + last + ")");
    }

    /** Consumes the lookahead if it has the type; returns its value. */
    private long expect(int type) throws ParseError {
        if (peek() != type) throw syntaxError();
        long v = tokValue;
        advance();
        return v;
    }

    private static boolean isUnit(int t) { return t == SEC_UNIT || t == DAY_UNIT || t == MONTH_UNIT; }

    /** Parses the whole string; the results are in the fields. */
    void parse() throws ParseError {
        while (peek() != EOF) item();
    }

    private void item() throws ParseError {
        int t = peek();
        long v = tokValue;
        switch (t) {
            case UNUMBER -> {
                advance();
                numberItem(v);
            }
            case ISOBASE -> {
                advance();
                if (peek() == ZONE) {
                    long z = tokValue;
                    advance();
                    if (peek() == ISOBASE) {
                        long t2 = tokValue;
                        advance();
                        checkT(z);
                        isoDate(v);
                        hour = t2 / 10000;
                        minutes = (t2 % 10000) / 100;
                        seconds = t2 % 100;
                    } else {
                        long h = expect(UNUMBER);
                        expect(':');
                        long m = expect(UNUMBER);
                        expect(':');
                        long s = expect(UNUMBER);
                        checkT(z);
                        isoDate(v);
                        hour = h;
                        minutes = m;
                        seconds = s;
                    }
                    haveTime++;
                    haveDate++;
                } else if (peek() == ISOBASE) {
                    long t2 = tokValue;
                    advance();
                    isoDate(v);
                    hour = t2 / 10000;
                    minutes = (t2 % 10000) / 100;
                    seconds = t2 % 100;
                    haveTime++;
                    haveDate++;
                } else {
                    isoDate(v);
                    haveDate++;
                }
            }
            case MONTH -> {
                advance();
                long d = expect(UNUMBER);
                if (peek() == ',') {
                    advance();
                    long y = expect(UNUMBER);
                    month = v;
                    day = d;
                    year = y;
                } else {
                    month = v;
                    day = d;
                }
                haveDate++;
            }
            case EPOCH -> {
                advance();
                month = 1;
                day = 1;
                year = 1970;
                haveDate++;
            }
            case ZONE -> {
                advance();
                timezone = v > hour(12) ? v - hour(100) : v;
                if (peek() == DST) {
                    advance();
                    dstMode = DST_ON;
                } else {
                    dstMode = DST_OFF;
                }
                haveZone++;
            }
            case DAYZONE -> {
                advance();
                timezone = v;
                dstMode = DST_ON;
                haveZone++;
            }
            case '-', '+' -> {
                advance();
                long sign = t == '-' ? -1 : 1;
                long n = expect(UNUMBER);
                int next = peek();
                if (next == DAY) {
                    long d = tokValue;
                    advance();
                    dayOrdinal = sign * n;
                    dayNumber = d;
                    haveDay++;
                } else if (isUnit(next)) {
                    long u = unit();
                    addRel(sign * n * u);
                    relspecTail();
                } else {
                    timezone = -sign * (n % 100 + (n / 100) * 60);
                    dstMode = DST_OFF;
                    haveZone++;
                }
            }
            case DAY -> {
                advance();
                if (peek() == ',') advance();
                dayOrdinal = 1;
                dayNumber = v;
                haveDay++;
            }
            case NEXT -> {
                advance();
                int next = peek();
                if (next == DAY) {
                    dayNumber = tokValue;
                    advance();
                    dayOrdinal = 2;
                    haveDay++;
                } else if (next == MONTH) {
                    month = tokValue;
                    advance();
                    monthOrdinal = 1;
                    haveOrdinalMonth++;
                } else if (isUnit(next)) {
                    long u = unit();
                    addRel(u);
                    relspecTail();
                } else if (next == UNUMBER) {
                    long n = tokValue;
                    advance();
                    if (peek() == MONTH) {
                        month = tokValue;
                        advance();
                        monthOrdinal = n;
                        haveOrdinalMonth++;
                    } else if (isUnit(peek())) {
                        long u = unit();
                        addRel(n * u);
                        relspecTail();
                    } else {
                        throw syntaxError();
                    }
                } else {
                    throw syntaxError();
                }
            }
            case SEC_UNIT, DAY_UNIT, MONTH_UNIT -> {
                long u = unit();
                addRel(u);
                relspecTail();
            }
            case STARDATE -> {
                advance();
                long a = expect(UNUMBER);
                expect('.');
                long b = expect(UNUMBER);
                year = a / 1000 + 2323 - 377;
                day = 1;
                month = 1;
                relDay += ((a % 1000) * (365 + (isLeapYear(year) ? 1 : 0))) / 1000;
                relSeconds += b * 144 * 60;
                haveTime++;
                haveDate++;
                haveRel++;
            }
            default -> throw syntaxError();
        }
    }

    private static boolean isLeapYear(long x) { return x % 4 == 0 && (x % 100 != 0 || x % 400 == 0); }

    /** An item that starts with an unsigned number (already consumed). */
    private void numberItem(long n) throws ParseError {
        int t = peek();
        switch (t) {
            case MERIDIAN -> {
                long mer = tokValue;
                advance();
                hour = n;
                minutes = 0;
                seconds = 0;
                meridian = (int) mer;
                haveTime++;
            }
            case ':' -> {
                advance();
                long m = expect(UNUMBER);
                if (peek() == ':') {
                    advance();
                    long s = expect(UNUMBER);
                    hour = n;
                    minutes = m;
                    seconds = s;
                } else {
                    hour = n;
                    minutes = m;
                    seconds = 0;
                }
                meridian = MER_24;
                if (peek() == MERIDIAN) {
                    meridian = (int) tokValue;
                    advance();
                }
                haveTime++;
            }
            case '/' -> {
                advance();
                long b = expect(UNUMBER);
                if (peek() == '/') {
                    advance();
                    long c = expect(UNUMBER);
                    month = n;
                    day = b;
                    year = c;
                } else {
                    month = n;
                    day = b;
                }
                haveDate++;
            }
            case '-' -> {
                advance();
                if (peek() == MONTH) {
                    long m = tokValue;
                    advance();
                    expect('-');
                    long y = expect(UNUMBER);
                    day = n;
                    month = m;
                    year = y;
                    haveDate++;
                    return;
                }
                long b = expect(UNUMBER);
                expect('-');
                long c = expect(UNUMBER);
                if (peek() == ZONE) {
                    long z = tokValue;
                    advance();
                    long h = expect(UNUMBER);
                    expect(':');
                    long m = expect(UNUMBER);
                    expect(':');
                    long s = expect(UNUMBER);
                    checkT(z);
                    year = n;
                    month = b;
                    day = c;
                    hour = h;
                    minutes = m;
                    seconds = s;
                    haveTime++;
                    haveDate++;
                    return;
                }
                month = b;
                day = c;
                year = n;
                haveDate++;
            }
            case MONTH -> {
                long m = tokValue;
                advance();
                if (peek() == UNUMBER) {
                    long y = tokValue;
                    advance();
                    month = m;
                    day = n;
                    year = y;
                } else {
                    month = m;
                    day = n;
                }
                haveDate++;
            }
            case DAY -> {
                long d = tokValue;
                advance();
                dayOrdinal = n;
                dayNumber = d;
                haveDay++;
            }
            case SEC_UNIT, DAY_UNIT, MONTH_UNIT -> {
                long u = unit();
                addRel(n * u);
                relspecTail();
            }
            default -> {
                // number: the year once a date and a time are known, else a time of day. Like
                // Tcl's parser, this decides after reading the next token, whose digit count
                // (when it is a number too) is the one consulted.
                int digits = digitCount;
                if (haveTime > 0 && haveDate > 0 && haveRel == 0) {
                    year = n;
                } else {
                    haveTime++;
                    if (digits <= 2) {
                        hour = n;
                        minutes = 0;
                    } else {
                        hour = n / 100;
                        minutes = n % 100;
                    }
                    seconds = 0;
                    meridian = MER_24;
                }
            }
        }
    }

    /** Consumes a unit token, noting which relative field it names; returns its multiplier. */
    private long unit() {
        int t = peek();
        long v = tokValue;
        relPointer = t == SEC_UNIT ? 0 : t == DAY_UNIT ? 1 : 2;
        advance();
        return v;
    }

    private void addRel(long v) {
        switch (relPointer) {
            case 0 -> relSeconds += v;
            case 1 -> relDay += v;
            default -> relMonth += v;
        }
    }

    /** The end of a relspec: an optional "ago" negates all relative fields. */
    private void relspecTail() {
        if (peek() == AGO) {
            advance();
            relSeconds *= -1;
            relMonth *= -1;
            relDay *= -1;
        }
        haveRel++;
    }

    private void isoDate(long v) {
        year = v / 10000;
        month = (v % 10000) / 100;
        day = v % 100;
    }

    /** An ISO 8601 date-time's separator must be the letter T; anything else aborts the parse. */
    private static void checkT(long zone) throws ParseError {
        if (zone != hour(7) + hour(100)) throw new ParseError("");
    }

    /** ToSeconds: the second of the day, or -1 for an impossible time. */
    long timeOfDay() {
        if (minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return -1;
        switch (meridian) {
            case MER_24:
                if (hour < 0 || hour > 23) return -1;
                return (hour * 60 + minutes) * 60 + seconds;
            case MER_AM:
                if (hour < 1 || hour > 12) return -1;
                return ((hour % 12) * 60 + minutes) * 60 + seconds;
            default:
                if (hour < 1 || hour > 12) return -1;
                return (((hour % 12) + 12) * 60 + minutes) * 60 + seconds;
        }
    }
}
