package dev.tclj.clock;

import java.util.Map;
import java.util.Set;

/**
 * The locale data clock uses: the names and formats of Tcl's root ("C") catalog, and the date of
 * the Gregorian changeover, which Tcl sets per locale outside the catalogs.
 *
 * <p>tclj has only the root catalog. Formatting or scanning with a locale for which Tcl has a
 * catalog of its own (fr, de_ch, ja...) would give other names, so such a locale is refused with
 * an error rather than handled in English; any other locale (en, en_us, xx...) resolves, as in
 * Tcl, to the root catalog. clock add needs no names and takes every locale.
 */
public final class ClockLocale {
    private ClockLocale() {}

    public static final String[] DAYS_ABBREV = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    public static final String[] DAYS_FULL = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday"};
    public static final String[] MONTHS_ABBREV = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec"};
    public static final String[] MONTHS_FULL = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    public static final String AM = "am", PM = "pm", BCE = "B.C.E.", CE = "C.E.";
    public static final int ROOT_CHANGEOVER = 2299161;

    /** Locales clock.tcl gives a changeover date without a catalog of names. */
    private static final Map<String, Integer> CHANGEOVER = Map.ofEntries(
            Map.entry("it", 2299161), Map.entry("es", 2299161), Map.entry("pt", 2299161), Map.entry("pl", 2299161),
            Map.entry("fr", 2299227), Map.entry("fr_be", 2299238), Map.entry("nl_be", 2299238),
            Map.entry("de_at", 2299527), Map.entry("hu", 2301004), Map.entry("de_de", 2342032),
            Map.entry("nb", 2342032), Map.entry("nn", 2342032), Map.entry("no", 2342032), Map.entry("da", 2342032),
            Map.entry("nl", 2342165), Map.entry("fr_ch", 2361342), Map.entry("it_ch", 2361342),
            Map.entry("de_ch", 2361342), Map.entry("en", 2361222), Map.entry("sv", 2361390),
            Map.entry("ru", 2421639), Map.entry("ro", 2422063), Map.entry("el", 2423480));

    /** The locales Tcl 8.6 ships a message catalog for (msgs/*.msg). */
    private static final Set<String> CATALOGS = Set.of(
            "af", "af_za", "ar", "ar_in", "ar_jo", "ar_lb", "ar_sy", "be", "bg", "bn", "bn_in", "ca", "cs", "da", "de",
            "de_at", "de_be", "el", "en_au", "en_be", "en_bw", "en_ca", "en_gb", "en_hk", "en_ie", "en_in", "en_nz",
            "en_ph", "en_sg", "en_za", "en_zw", "eo", "es", "es_ar", "es_bo", "es_cl", "es_co", "es_cr", "es_do",
            "es_ec", "es_gt", "es_hn", "es_mx", "es_ni", "es_pa", "es_pe", "es_pr", "es_py", "es_sv", "es_uy",
            "es_ve", "et", "eu", "eu_es", "fa", "fa_in", "fa_ir", "fi", "fo", "fo_fo", "fr", "fr_be", "fr_ca",
            "fr_ch", "ga", "ga_ie", "gl", "gl_es", "gv", "gv_gb", "he", "hi", "hi_in", "hr", "hu", "id", "id_id",
            "is", "it", "it_ch", "ja", "kl", "kl_gl", "ko", "ko_kr", "kok", "kok_in", "kw", "kw_gb", "lt", "lv", "mk",
            "mr", "mr_in", "ms", "ms_my", "mt", "nb", "nl", "nl_be", "nn", "pl", "pt", "pt_br", "ro", "ru", "ru_ua",
            "sh", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "ta_in", "te", "te_in", "th", "tr", "uk", "vi", "zh",
            "zh_cn", "zh_hk", "zh_sg", "zh_tw");

    /** A -locale value (lower case) with "current" and "system" resolved to the msgcat locale. */
    public static String resolve(String locale, Map<String, String> env) {
        return locale.equals("system") || locale.equals("current") ? mclocale(env) : locale;
    }

    /**
     * Refuses a locale whose names Tcl takes from a catalog tclj does not have (msgcat looks for
     * en_us_posix, en_us, en, then the root catalog).
     */
    public static void requireNames(String locale) throws ClockError {
        String l = locale;
        while (true) {
            if (CATALOGS.contains(l)) {
                throw new ClockError("locale \"" + locale + "\" is not available: tclj's clock has only the C locale's names",
                        "CLOCK", "unsupportedLocale", locale);
            }
            int us = l.lastIndexOf('_');
            if (us < 0) return;
            l = l.substring(0, us);
        }
    }

    /** The Julian Day of the locale's Gregorian changeover (no catalog sets one). */
    public static int changeover(String locale) {
        String l = locale;
        while (true) {
            Integer c = CHANGEOVER.get(l);
            if (c != null) return c;
            int us = l.lastIndexOf('_');
            if (us < 0) return ROOT_CHANGEOVER;
            l = l.substring(0, us);
        }
    }

    /** msgcat's default locale: LC_ALL, LC_MESSAGES or LANG as language_territory_modifier, else c. */
    public static String mclocale(Map<String, String> env) {
        for (String var : new String[]{"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.get(var);
            if (v == null || v.isEmpty()) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^([^_.@]+)(_([^.@]*))?([.]([^@]*))?(@(.*))?$").matcher(v);
            if (!m.matches()) continue;
            StringBuilder sb = new StringBuilder(m.group(1));
            if (m.group(3) != null && !m.group(3).isEmpty()) sb.append('_').append(m.group(3));
            if (m.group(7) != null && !m.group(7).isEmpty()) sb.append('_').append(m.group(7));
            return sb.toString().toLowerCase(java.util.Locale.ROOT);
        }
        return "c";
    }

    /** The changeover dates clock.tcl sets for locales (msgcat's GREGORIAN_CHANGE_DATE). */
    public static Map<String, Integer> changeovers() { return CHANGEOVER; }
}
