package dev.tclj.cmd;

import dev.tclj.CallFrame;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.clock.ClockError;
import dev.tclj.clock.ClockLocale;
import dev.tclj.clock.LocaleData;

import java.util.HashMap;
import java.util.Map;

/**
 * An interpreter's clock locales. The root locale ("c") is built in; any other comes, as in
 * clock.tcl, from msgcat's catalogs for the namespace ::tcl::clock: the files of the Tcl library's
 * msgs directory and whatever scripts have set there with mcset. What a locale gives is kept until
 * ::tcl::clock::ClearCaches, as Tcl keeps the procedures it builds for a format and locale.
 *
 * <p>Without msgcat (no Tcl library, a safe interpreter), only the root names exist: a locale
 * with a catalog of its own is refused, any other means the root one.
 */
final class ClockCatalogs {
    private final Interp interp;
    private final Map<String, LocaleData> cache = new HashMap<>();
    /** Whether ::tcl::clock's catalogs are set up (null: not tried yet). */
    private Boolean msgcat;

    ClockCatalogs(Interp interp) { this.interp = interp; }

    void clear() {
        cache.clear();
    }

    /** The keys fetched from the catalog, in this order. */
    private static final String[] KEYS;

    static {
        String[] names = {"DAYS_OF_WEEK_ABBREV", "DAYS_OF_WEEK_FULL", "MONTHS_ABBREV", "MONTHS_FULL", "AM", "PM",
            "BCE", "CE", "LOCALE_NUMERALS", "LOCALE_ERAS", "GREGORIAN_CHANGE_DATE"};
        KEYS = new String[names.length + LocaleData.FORMAT_KEYS.length];
        System.arraycopy(names, 0, KEYS, 0, names.length);
        System.arraycopy(LocaleData.FORMAT_KEYS, 0, KEYS, names.length, LocaleData.FORMAT_KEYS.length);
    }

    /**
     * The data of a -locale value (lower case): "system" and "current" are msgcat's locale; the
     * root locale and the empty one are the built-in names.
     */
    LocaleData get(String locale, Map<String, String> env) throws ClockError, TclException {
        if (locale.equals("system") || locale.equals("current")) locale = currentLocale(env);
        if (locale.equals("c") || locale.isEmpty()) return LocaleData.ROOT;
        LocaleData d = cache.get(locale);
        if (d != null) return d;
        d = setUp() ? fromCatalog(locale) : withoutCatalog(locale);
        cache.put(locale, d);
        return d;
    }

    /** The changeover of a locale, for clock add (which takes every locale, even unavailable ones). */
    int changeover(String locale, Map<String, String> env) throws TclException {
        try {
            return get(locale, env).changeover;
        } catch (ClockError e) {
            String l = locale.equals("system") || locale.equals("current") ? currentLocale(env) : locale;
            return ClockLocale.changeover(l);
        }
    }

    /** msgcat's current locale when msgcat is loaded, else the one it would start with. */
    private String currentLocale(Map<String, String> env) throws TclException {
        if (interp.findCommand("::msgcat::mclocale") != null) {
            return evalGlobal(TclObj.of("::msgcat::mclocale")).toString();
        }
        return ClockLocale.resolve("current", env);
    }

    private static LocaleData withoutCatalog(String locale) throws ClockError {
        ClockLocale.requireNames(locale);
        int changeover = ClockLocale.changeover(locale);
        if (changeover == LocaleData.ROOT.changeover) return LocaleData.ROOT;
        LocaleData r = LocaleData.ROOT;
        return new LocaleData(r.daysAbbrev, r.daysFull, r.monthsAbbrev, r.monthsFull, r.am, r.pm, r.bce, r.ce,
                r.numerals, r.eras, LocaleData.rootFormats(), changeover);
    }

    /**
     * What clock.tcl's Initialize does for the catalogs: loads msgcat, points ::tcl::clock's
     * catalogs at the library's msgs directory, defines the root catalog and the changeover dates.
     */
    private boolean setUp() {
        if (msgcat != null) return msgcat;
        msgcat = false;
        if (interp.isSafe()) return false;
        StringBuilder s = new StringBuilder();
        s.append("package require msgcat 1.6\n");
        s.append("namespace eval ::tcl::clock {\n");
        s.append("::msgcat::mcpackagelocale set {}\n");
        s.append("::msgcat::mcpackageconfig set mcfolder [file join $::tcl_library msgs]\n");
        s.append("::msgcat::mcpackageconfig set unknowncmd {}\n");
        s.append("::msgcat::mcmset {} {\n");
        LocaleData r = LocaleData.ROOT;
        root(s, "AM", r.am);
        root(s, "BCE", r.bce);
        root(s, "CE", r.ce);
        root(s, "DAYS_OF_WEEK_ABBREV", list(r.daysAbbrev));
        root(s, "DAYS_OF_WEEK_FULL", list(r.daysFull));
        root(s, "GREGORIAN_CHANGE_DATE", Integer.toString(r.changeover));
        root(s, "LOCALE_ERAS", "");
        root(s, "LOCALE_NUMERALS", list(r.numerals));
        root(s, "MONTHS_ABBREV", list(r.monthsAbbrev));
        root(s, "MONTHS_FULL", list(r.monthsFull));
        root(s, "PM", r.pm);
        String[] formats = LocaleData.rootFormats();
        for (int k = 0; k < formats.length; k++) root(s, LocaleData.FORMAT_KEYS[k], formats[k]);
        s.append("}\n");
        for (Map.Entry<String, Integer> e : ClockLocale.changeovers().entrySet()) {
            s.append("::msgcat::mcset ").append(e.getKey()).append(" GREGORIAN_CHANGE_DATE ").append(e.getValue()).append('\n');
        }
        s.append("}\n");
        try {
            evalGlobal(TclObj.of(s.toString()));
            msgcat = true;
        } catch (TclException e) {
            // no msgcat here: the root names only
        }
        return msgcat;
    }

    private static void root(StringBuilder s, String key, String value) {
        s.append(key).append(' ').append(dev.tclj.ListParser.quote(value)).append('\n');
    }

    private static String list(String[] a) {
        TclObj[] o = new TclObj[a.length];
        for (int i = 0; i < a.length; i++) o[i] = TclObj.of(a[i]);
        return TclObj.ofList(o).toString();
    }

    /** EnterLocale and the mc lookups of clock.tcl, for one locale. */
    private LocaleData fromCatalog(String locale) throws TclException {
        evalGlobal(TclObj.ofList(TclObj.of("namespace"), TclObj.of("eval"), TclObj.of("::tcl::clock"),
                TclObj.ofList(TclObj.of("::msgcat::mcpackagelocale"), TclObj.of("set"), TclObj.of(locale))));
        StringBuilder s = new StringBuilder("namespace eval ::tcl::clock {list");
        for (String k : KEYS) s.append(" [::msgcat::mc ").append(k).append(']');
        s.append('}');
        TclList v = evalGlobal(TclObj.of(s.toString())).asList();
        int k = 0;
        String[] daysAbbrev = strings(v.get(k++));
        String[] daysFull = strings(v.get(k++));
        String[] monthsAbbrev = strings(v.get(k++));
        String[] monthsFull = strings(v.get(k++));
        String am = v.get(k++).toString(), pm = v.get(k++).toString();
        String bce = v.get(k++).toString(), ce = v.get(k++).toString();
        String[] numerals = strings(v.get(k++));
        TclList eraList = v.get(k++).asList();
        LocaleData.Era[] eras = new LocaleData.Era[eraList.size()];
        for (int i = 0; i < eras.length; i++) {
            TclList e = eraList.get(i).asList();
            eras[i] = new LocaleData.Era(e.get(0).asLong(), e.get(1).toString(), e.get(2).asLong());
        }
        int changeover = v.get(k++).asInt();
        String[] formats = new String[LocaleData.FORMAT_KEYS.length];
        for (int i = 0; i < formats.length; i++) formats[i] = v.get(k++).toString();
        return new LocaleData(daysAbbrev, daysFull, monthsAbbrev, monthsFull, am, pm, bce, ce, numerals, eras, formats,
                changeover);
    }

    private static String[] strings(TclObj list) throws TclException {
        TclList l = list.asList();
        String[] a = new String[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i).toString();
        return a;
    }

    private TclObj evalGlobal(TclObj script) throws TclException {
        CallFrame save = interp.currentFrame();
        interp.setFrame(interp.globalFrame());
        try {
            return interp.eval(script);
        } finally {
            interp.setFrame(save);
        }
    }
}
