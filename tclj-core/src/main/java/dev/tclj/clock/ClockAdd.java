package dev.tclj.clock;

import java.math.BigInteger;

/**
 * {@code clock add}'s arithmetic (AddMonths, AddDays and the plain second counts of clock.tcl):
 * months and years keep the day of the month (clamped to the month's length) and the local time
 * of day; days and weeks keep the local time of day; hours, minutes and seconds are exact.
 *
 * <p>The running value is a BigInteger because Tcl's is a Tcl number: hours and seconds can take it
 * past 64 bits, and only a later calendar unit then fails.
 */
public final class ClockAdd {
    private ClockAdd() {}

    /** The unit names clock add knows. */
    public static boolean isUnit(String u) {
        return switch (u) {
            case "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
                    "minutes", "minute", "seconds", "second" -> true;
            default -> false;
        };
    }

    /** The error for a unit clock add does not know, if it does not. */
    public static void checkUnit(String unit) throws ClockError {
        if (!isUnit(unit)) {
            throw new ClockError("unknown unit \"" + unit + "\", must be  years, months, weeks, days, hours, minutes or seconds",
                    "CLOCK", "badUnit", unit);
        }
    }

    /** Adds quantity units to clockval in a zone. */
    public static BigInteger add(BigInteger clockval, long quantity, String unit, ZoneData zone, int changeover)
            throws ClockError {
        switch (unit) {
            case "years", "year" -> { return BigInteger.valueOf(addMonths(12 * quantity, wide(clockval), zone, changeover)); }
            case "months", "month" -> { return BigInteger.valueOf(addMonths(quantity, wide(clockval), zone, changeover)); }
            case "weeks", "week" -> { return BigInteger.valueOf(addDays(7 * quantity, wide(clockval), zone, changeover)); }
            case "days", "day" -> { return BigInteger.valueOf(addDays(quantity, wide(clockval), zone, changeover)); }
            case "hours", "hour" -> { return clockval.add(BigInteger.valueOf(3600).multiply(BigInteger.valueOf(quantity))); }
            case "minutes", "minute" -> { return clockval.add(BigInteger.valueOf(60).multiply(BigInteger.valueOf(quantity))); }
            case "seconds", "second" -> { return clockval.add(BigInteger.valueOf(quantity)); }
            default -> {
                checkUnit(unit);
                return clockval;
            }
        }
    }

    /** GetDateFields' check of its seconds argument: 64 bits (a value from 2^63 to 2^64 passes Tcl's first test). */
    public static long wide(BigInteger v) throws ClockError {
        if (v.bitLength() < 64) return v.longValue();
        if (v.abs().bitLength() <= 64) throw new ClockError("integer value too large to represent");
        throw new ClockError("integer value too large to represent", "ARITH", "IOVERFLOW",
                "integer value too large to represent");
    }

    /** AddMonths. */
    public static long addMonths(long months, long clockval, ZoneData zone, int changeover) throws ClockError {
        DateFields d = DateFields.fromSeconds(clockval, zone, changeover);
        long secondOfDay = Math.floorMod(d.localSeconds, 86400);
        long m = d.month + months - 1;
        long delta = Math.floorDiv(m, 12);
        int mm = (int) Math.floorMod(m, 12);
        d.month = mm + 1;
        d.year = (int) (d.year + delta);
        int hath = DateFields.DAYS_IN_MONTH[d.isGregorianLeapYear() ? 1 : 0][mm];
        if (d.dayOfMonth > hath) d.dayOfMonth = hath;
        d.julianDayFromEraYearMonthDay(changeover);
        d.localSeconds = -210866803200L + 86400L * d.julianDay + secondOfDay;
        zone.localToUtc(d, changeover);
        return d.seconds;
    }

    /** AddDays. */
    public static long addDays(long days, long clockval, ZoneData zone, int changeover) throws ClockError {
        DateFields d = DateFields.fromSeconds(clockval, zone, changeover);
        long secondOfDay = Math.floorMod(d.localSeconds, 86400);
        long jd = d.julianDay + days;
        d.julianDay = (int) jd;
        d.localSeconds = -210866803200L + 86400L * jd + secondOfDay;
        zone.localToUtc(d, changeover);
        return d.seconds;
    }
}
