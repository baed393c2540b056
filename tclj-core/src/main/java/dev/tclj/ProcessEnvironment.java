package dev.tclj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a child process gets: the interpreter's {@code ::env} array as it is now, as
 * Tcl's exec passes its (env-synchronised) environ. Falls back to the JVM's environment when the
 * array does not exist.
 */
public final class ProcessEnvironment {
    private ProcessEnvironment() {}

    public static Map<String, String> of(Interp interp) {
        Var v = interp.globalNs.vars.get("env");
        if (v != null) v = v.resolve();
        if (v == null || v.array == null) return System.getenv();
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : v.array.entrySet()) {
            TclObj val = e.getValue().value;
            if (val != null) m.put(e.getKey(), val.toString());
        }
        return m;
    }
}
