package dev.tclj.clock;

import java.math.BigInteger;

/**
 * {@code clock scan} without -format (FreeScan of clock.tcl): parses with {@link FreeDateParser},
 * then fills what the string left out from the base time in the zone, applies a zone the string
 * names, the relative offsets, the weekday and the ordinal month.
 */
public final class FreeScan {
    private FreeScan() {}

    public static long scan(String string, long base, String timezone, TimeZones zones) throws ClockError {
        ZoneData zone = zones.setup(timezone);
        int english = DateFields.ENGLISH_CHANGEOVER;
        DateFields date = DateFields.fromSeconds(base, zone, english);
        long secondOfDay = Math.floorMod(date.localSeconds, 86400);

        FreeDateParser p = new FreeDateParser(string, date.year, date.month, date.dayOfMonth);
        try {
            p.parse();
            String multiple = p.haveDate > 1 ? "date" : p.haveTime > 1 ? "time of day" : p.haveZone > 1 ? "time zone"
                    : p.haveDay > 1 ? "weekday" : p.haveOrdinalMonth > 1 ? "ordinal month" : null;
            if (multiple != null) throw new FreeDateParser.ParseError("more than one " + multiple + " in string");
        } catch (FreeDateParser.ParseError e) {
            throw new ClockError("unable to convert date-time string \"" + string + "\": " + e.getMessage());
        }

        boolean haveTime = p.haveTime > 0;
        long parseTime = haveTime ? (int) p.timeOfDay() : 0;
        if (p.haveDate > 0) {
            long y = (int) p.year;
            if (y < 100) y += y >= 39 ? 1900 : 2000;
            date.bce = false;
            date.year = (int) y;
            date.month = (int) p.month;
            date.dayOfMonth = (int) p.day;
            haveTime = true;   // a date alone means its midnight
        }
        if (p.haveZone > 0) {
            long minEast = (int) -p.timezone;
            long dstFlag = 1 - p.dstMode;
            timezone = ZoneData.formatNumericTimeZone(60 * minEast + 3600 * dstFlag);
            zone = zones.setup(timezone);
        }
        date.julianDayFromEraYearMonthDay(english);
        boolean haveRel = p.haveRel > 0;
        if (haveTime) {
            secondOfDay = parseTime;
        } else if (p.haveDay > 0 && p.haveDate == 0 || p.haveOrdinalMonth > 0
                || (haveRel && ((int) p.relMonth != 0 || (int) p.relDay != 0))) {
            secondOfDay = 0;
        }
        date.localSeconds = -210866803200L + 86400L * date.julianDay + secondOfDay;
        date.tzName = timezone;
        zone.localToUtc(date, english);
        long seconds = date.seconds;

        int root = ClockLocale.ROOT_CHANGEOVER;
        if (haveRel) {
            BigInteger s = BigInteger.valueOf(seconds);
            s = ClockAdd.add(s, (int) p.relMonth, "months", zone, root);
            s = ClockAdd.add(s, (int) p.relDay, "days", zone, root);
            s = ClockAdd.add(s, (int) p.relSeconds, "seconds", zone, root);
            seconds = ClockAdd.wide(s);
        }
        if (p.haveDay > 0 && p.haveDate == 0) {
            long dayOrdinal = (int) p.dayOrdinal, dayOfWeek = (int) p.dayNumber;
            DateFields date2 = DateFields.fromSeconds(seconds, zone, english);
            long jdwkday = DateFields.weekdayOnOrBeforeTcl(dayOfWeek, date2.julianDay + 6L);
            jdwkday += 7 * dayOrdinal;
            if (dayOrdinal > 0) jdwkday -= 7;
            // the time of day is the one computed for the first date, not this one's
            date2.julianDay = (int) jdwkday;
            date2.localSeconds = -210866803200L + 86400L * jdwkday + secondOfDay;
            date2.tzName = timezone;
            zone.localToUtc(date2, english);
            seconds = date2.seconds;
        }
        if (p.haveOrdinalMonth > 0) {
            long monthOrdinal = (int) p.monthOrdinal, monthNumber = (int) p.month;
            long monthDiff;
            if (monthOrdinal > 0) {
                monthDiff = monthNumber - date.month;
                if (monthDiff <= 0) monthDiff += 12;
                monthOrdinal--;
            } else {
                monthDiff = date.month - monthNumber;
                if (monthDiff >= 0) monthDiff -= 12;
                monthOrdinal++;
            }
            BigInteger s = BigInteger.valueOf(seconds);
            s = ClockAdd.add(s, monthOrdinal, "years", zone, root);
            s = ClockAdd.add(s, monthDiff, "months", zone, root);
            seconds = ClockAdd.wide(s);
        }
        return seconds;
    }
}
