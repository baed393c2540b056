package dev.tclj;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in command implementations are shared by every interpreter of the process, on any
 * thread (see {@link BuiltinTable}): none may hold an interpreter or a part of one. A lambda that
 * captures the interpreter it was registered in (the prototype) instead of using the one it is
 * called with would act on the wrong interpreter; this walks the fields of every implementation,
 * the captured values of lambdas included, to catch that.
 */
class BuiltinTableTest {
    /** Types that belong to one interpreter. */
    private static final List<Class<?>> PER_INTERPRETER = List.of(Interp.class, Namespace.class, CommandEntry.class,
            CallFrame.class, Var.class);

    @Test
    void sharedImplementationsHoldNothingOfAnInterpreter() {
        List<String> offending = new ArrayList<>();
        for (Object impl : BuiltinTable.get().implementations()) {
            for (Class<?> c = impl.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    for (Class<?> bad : PER_INTERPRETER) {
                        if (bad.isAssignableFrom(f.getType())) offending.add(c.getName() + "." + f.getName() + ": " + f.getType().getSimpleName());
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void everyInterpreterGetsTheSharedCommandsAndNothingLeaksBetweenThem() throws TclException {
        Interp a = new Interp();
        Interp b = new Interp();
        a.eval("proc onlyInA {} {}; set onlyInA 1; namespace eval onlyInA {}");
        assertThat(b.eval("list [info commands onlyInA] [info exists onlyInA] [namespace exists onlyInA]").toString())
                .isEqualTo("{} 0 0");
        // the same format implementation serves both, each with its own value-size cap
        b.setMaxValueSize(100);
        assertThat(a.eval("string length [format %200s x]").toString()).isEqualTo("200");
        assertThat(b.eval("catch {format %200s x} m; set m").toString()).isEqualTo("max size for a Tcl value exceeded");
        Map<String, CommandEntry> ca = a.globalNs.commands, cb = b.globalNs.commands;
        assertThat(ca.get("format").impl).isSameAs(cb.get("format").impl);
        assertThat(ca.get("format")).isNotSameAs(cb.get("format"));
    }
}
