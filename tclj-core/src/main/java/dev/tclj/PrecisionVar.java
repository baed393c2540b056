package dev.tclj;

/**
 * The global variable tcl_precision, linked to the thread's double formatting precision
 * ({@link NumberFormat#precision}) as Tcl's TclPrecTraceProc links it: reading it gives the
 * precision, setting it to an integer from 0 to 17 changes it (anything else is "improper value for
 * precision", and a safe interpreter may not change it), and unsetting it leaves it linked.
 */
final class PrecisionVar {
    private PrecisionVar() {}

    static final String NAME = "tcl_precision";
    private static final int MAX = 17;
    private static final int OPS = VarTrace.READ | VarTrace.WRITE | VarTrace.UNSET;

    /**
     * Links the variable in a new interpreter. As in Tcl it is only traced: it has a value (and is
     * listed by info globals) once something reads it.
     */
    static void install(Interp interp) throws TclException {
        link(interp);
    }

    private static void link(Interp interp) throws TclException {
        VarWatch.global(interp, NAME, OPS, PrecisionVar::traced);
    }

    private static void traced(Interp interp, String name1, String name2, int op) throws TclException {
        switch (op) {
            case VarTrace.READ:
                interp.setGlobal(NAME, TclObj.of(NumberFormat.precision()));
                return;
            case VarTrace.UNSET:
                // Tcl traces the variable again: it stays linked (and a read makes it exist again)
                if (!interp.isDeleted()) link(interp);
                return;
            default: {
                if (interp.isSafe()) throw new TclException("can't modify precision from a safe interpreter");
                TclObj v = interp.getGlobal(NAME);
                long p;
                try {
                    p = v == null ? -1 : v.asLong();
                } catch (TclException e) {
                    p = -1;
                }
                if (p < 0 || p > MAX) throw new TclException("improper value for precision");
                NumberFormat.setPrecision((int) p);
            }
        }
    }
}
