package dev.tclj.clock;

/**
 * The fields of a date as Tcl's clock computes them (TclDateFields): seconds, local seconds, the
 * zone's offset and name, the Julian Day Number, era and year, day of year, month and day, ISO 8601
 * year and week, day of week. Dates before a locale's Gregorian changeover are in the Julian
 * calendar.
 *
 * <p>The arithmetic is Tcl's C arithmetic on purpose: 32-bit ints for days and years, division
 * that truncates, the same corrections for negative values, so that dates far from the present
 * come out as tclsh prints them.
 */
public final class DateFields {
    public static final long JULIAN_SEC_POSIX_EPOCH = 210866803200L;
    static final int JDAY_1_JAN_1_CE_JULIAN = 1721424;
    static final int JDAY_1_JAN_1_CE_GREGORIAN = 1721426;
    static final int FOUR_CENTURIES = 146097, ONE_CENTURY_GREGORIAN = 36524, FOUR_YEARS = 1461, ONE_YEAR = 365;
    /** The changeover of the English locales, which the free-form scanner always uses. */
    public static final int ENGLISH_CHANGEOVER = 2361222;

    static final int[][] DAYS_IN_PRIOR_MONTHS = {
        {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
        {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}
    };
    static final int[][] DAYS_IN_MONTH = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
    };

    public long seconds;
    public long localSeconds;
    public int tzOffset;
    public String tzName;
    public int julianDay;
    public boolean gregorian;
    /** True for B.C.E. */
    public boolean bce;
    public int year;
    public int dayOfYear;
    public int month;
    public int dayOfMonth;
    public int iso8601Year;
    public int iso8601Week;
    /** 1 (Monday) to 7 (Sunday). */
    public int dayOfWeek;

    public DateFields copy() {
        DateFields c = new DateFields();
        c.seconds = seconds;
        c.localSeconds = localSeconds;
        c.tzOffset = tzOffset;
        c.tzName = tzName;
        c.julianDay = julianDay;
        c.gregorian = gregorian;
        c.bce = bce;
        c.year = year;
        c.dayOfYear = dayOfYear;
        c.month = month;
        c.dayOfMonth = dayOfMonth;
        c.iso8601Year = iso8601Year;
        c.iso8601Week = iso8601Week;
        c.dayOfWeek = dayOfWeek;
        return c;
    }

    /** GetDateFields: converts seconds (UTC) to local fields in a zone. */
    public static DateFields fromSeconds(long seconds, ZoneData zone, int changeover) throws ClockError {
        DateFields f = new DateFields();
        f.seconds = seconds;
        zone.utcToLocal(f, changeover);
        f.julianDay = (int) ((f.localSeconds + JULIAN_SEC_POSIX_EPOCH) / 86400);
        f.computeEraYearDay(changeover);
        f.computeMonthDay();
        f.computeYearWeekDay(changeover);
        return f;
    }

    /** GetGregorianEraYearDay: era, year, day of year and calendar from julianDay. */
    void computeEraYearDay(int changeover) {
        int jday = julianDay;
        int day, year, n;
        if (jday >= changeover) {
            gregorian = true;
            year = 1;
            day = jday - JDAY_1_JAN_1_CE_GREGORIAN;
            n = day / FOUR_CENTURIES;
            day %= FOUR_CENTURIES;
            if (day < 0) {
                day += FOUR_CENTURIES;
                n--;
            }
            year += 400 * n;
            n = day / ONE_CENTURY_GREGORIAN;
            day %= ONE_CENTURY_GREGORIAN;
            if (n > 3) {
                // 31 December in the last year of a 400-year cycle
                n = 3;
                day += ONE_CENTURY_GREGORIAN;
            }
            year += 100 * n;
        } else {
            gregorian = false;
            year = 1;
            day = jday - JDAY_1_JAN_1_CE_JULIAN;
        }
        n = day / FOUR_YEARS;
        day %= FOUR_YEARS;
        if (day < 0) {
            day += FOUR_YEARS;
            n--;
        }
        year += 4 * n;
        n = day / ONE_YEAR;
        day %= ONE_YEAR;
        if (n > 3) {
            // 31 December of a leap year
            n = 3;
            day += 365;
        }
        year += n;
        if (year <= 0) {
            bce = true;
            this.year = 1 - year;
        } else {
            bce = false;
            this.year = year;
        }
        dayOfYear = day + 1;
    }

    /** GetMonthDay: month and day of month from dayOfYear. */
    void computeMonthDay() {
        int day = dayOfYear;
        int[] h = DAYS_IN_MONTH[isGregorianLeapYear() ? 1 : 0];
        int m;
        for (m = 0; m < 12 && day > h[m]; m++) day -= h[m];
        month = m + 1;
        dayOfMonth = day;
    }

    /** GetYearWeekDay: ISO 8601 year, week and day of week from julianDay. */
    void computeYearWeekDay(int changeover) {
        DateFields temp = new DateFields();
        temp.julianDay = julianDay - 3;
        temp.computeEraYearDay(changeover);
        temp.iso8601Year = temp.bce ? temp.year - 1 : temp.year + 1;
        temp.iso8601Week = 1;
        temp.dayOfWeek = 1;
        temp.julianDayFromEraYearWeekDay(changeover);
        if (julianDay < temp.julianDay) {
            if (temp.bce) temp.iso8601Year += 1; else temp.iso8601Year -= 1;
            temp.julianDayFromEraYearWeekDay(changeover);
        }
        iso8601Year = temp.iso8601Year;
        int dayOfFiscalYear = julianDay - temp.julianDay;
        iso8601Week = dayOfFiscalYear / 7 + 1;
        dayOfWeek = (dayOfFiscalYear + 1) % 7;
        if (dayOfWeek < 1) dayOfWeek += 7;
    }

    /** GetJulianDayFromEraYearWeekDay (C): from era, iso8601Year, iso8601Week and dayOfWeek. */
    public void julianDayFromEraYearWeekDay(int changeover) {
        DateFields firstWeek = new DateFields();
        firstWeek.bce = bce;
        firstWeek.year = iso8601Year;
        firstWeek.month = 1;
        firstWeek.dayOfMonth = 4;
        firstWeek.julianDayFromEraYearMonthDay(changeover);
        int firstMonday = weekdayOnOrBefore(1, firstWeek.julianDay);
        julianDay = firstMonday + 7 * (iso8601Week - 1) + dayOfWeek - 1;
    }

    /** GetJulianDayFromEraYearMonthDay (C): from era, year, month (any value) and day. */
    public void julianDayFromEraYearMonthDay(int changeover) {
        int year = bce ? 1 - this.year : this.year;
        int mm1 = month - 1;
        int q = mm1 / 12;
        int r = mm1 % 12;
        if (r < 0) {
            r += 12;
            q -= 1;
        }
        year += q;
        int month = r + 1;
        int ym1 = year - 1;
        gregorian = true;
        if (year < 1) {
            bce = true;
            this.year = 1 - year;
        } else {
            bce = false;
            this.year = year;
        }
        int ym1o4 = ym1 >= 0 ? ym1 / 4 : -(int) ((-(long) ym1 & 0xFFFFFFFFL) / 4);
        if (ym1 % 4 < 0) ym1o4--;
        int ym1o100 = ym1 / 100;
        if (ym1 % 100 < 0) ym1o100--;
        int ym1o400 = ym1 / 400;
        if (ym1 % 400 < 0) ym1o400--;
        julianDay = JDAY_1_JAN_1_CE_GREGORIAN - 1 + dayOfMonth
                + DAYS_IN_PRIOR_MONTHS[isGregorianLeapYear() ? 1 : 0][month - 1]
                + ONE_YEAR * ym1 + ym1o4 - ym1o100 + ym1o400;
        if (julianDay < changeover) {
            gregorian = false;
            julianDay = JDAY_1_JAN_1_CE_JULIAN - 1 + dayOfMonth
                    + DAYS_IN_PRIOR_MONTHS[year % 4 == 0 ? 1 : 0][month - 1]
                    + 365 * ym1 + ym1o4;
        }
    }

    /**
     * GetJulianDayFromEraYearDay, which Tcl writes as a proc: its arithmetic is Tcl's (floor
     * division, 64 bits), unlike the C routines.
     */
    public void julianDayFromEraYearDay(int changeover) {
        long year = bce ? 1 - (long) this.year : this.year;
        long ym1 = year - 1;
        gregorian = true;
        long jd = 1721425 + dayOfYear + 365 * ym1 + Math.floorDiv(ym1, 4) - Math.floorDiv(ym1, 100)
                + Math.floorDiv(ym1, 400);
        if (jd < changeover) {
            gregorian = false;
            jd = 1721423 + dayOfYear + 365 * ym1 + Math.floorDiv(ym1, 4);
        }
        julianDay = (int) jd;
    }

    /** IsGregorianLeapYear (C): the era, year and calendar flag decide. */
    public boolean isGregorianLeapYear() {
        int y = bce ? 1 - year : year;
        if (y % 4 != 0) return false;
        if (!gregorian) return true;
        if (y % 400 == 0) return true;
        return y % 100 != 0;
    }

    /** WeekdayOnOrBefore (C): the Julian day of the given weekday (0 or 7 Sunday) on or before jd. */
    public static int weekdayOnOrBefore(int dayOfWeek, int julianDay) {
        int k = (dayOfWeek + 6) % 7;
        if (k < 0) k += 7;
        return julianDay - ((julianDay - k) % 7);
    }

    /** The Tcl-proc version of WeekdayOnOrBefore (floor modulo). */
    public static long weekdayOnOrBeforeTcl(long weekday, long j) {
        long k = Math.floorMod(weekday + 6, 7);
        return j - Math.floorMod(j - k, 7);
    }
}
