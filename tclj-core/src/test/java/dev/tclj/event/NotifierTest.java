package dev.tclj.event;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java side of the event loop: work posted from other threads runs on the interpreter's
 * thread when it runs the loop, wakes a waiting vwait, and reports its outcome through a future.
 * The test's own thread is the interpreter's thread.
 */
class NotifierTest {
    /** Runs body on a new thread after a short pause, so that the loop is waiting by then. */
    private static Thread later(Runnable body) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            body.run();
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void submitFromAnotherThreadWakesVwait() throws Exception {
        Interp interp = new Interp();
        List<CompletableFuture<TclObj>> f = new ArrayList<>();
        try (Notifier.Hold hold = interp.notifier().hold()) {
            Thread t = later(() -> f.add(interp.submit("set ::x 42; expr {$::x + 1}")));
            interp.eval("vwait ::x");
            t.join();
        }
        assertThat(interp.getVar("x").toString()).isEqualTo("42");
        assertThat(f.get(0).get(1, TimeUnit.SECONDS).toString()).isEqualTo("43");
    }

    @Test
    void postedTasksRunInOrderOnTheInterpretersThread() throws Exception {
        Interp interp = new Interp();
        Thread self = Thread.currentThread();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            interp.post(() -> seen.add(n + (Thread.currentThread() == self ? "" : "?")));
        }
        assertThat(seen).isEmpty();
        interp.eval("update");
        assertThat(seen).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void aPostWakesALoopThatWaitsForALaterTimer() throws Exception {
        Interp interp = new Interp();
        long t0 = System.nanoTime();
        interp.eval("set id [after 20000 {set ::x timer}]");
        later(() -> interp.post(() -> {
            try {
                interp.setVar("::x", "posted");
            } catch (TclException e) {
                throw new IllegalStateException(e);
            }
        }));
        interp.eval("vwait ::x; after cancel $id");
        assertThat(interp.getVar("x").toString()).isEqualTo("posted");
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aScriptErrorCompletesTheFutureExceptionally() throws Exception {
        Interp interp = new Interp();
        CompletableFuture<TclObj> err = interp.submit("error boom {} {MY CODE}");
        CompletableFuture<TclObj> brk = interp.submit("break");
        CompletableFuture<TclObj> ret = interp.submit("return -level 1 fine");
        interp.eval("update");
        assertThatThrownBy(err::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TclException.class).hasMessage("boom");
        assertThat(((TclException) err.exceptionNow()).errorCode.toString()).isEqualTo("MY CODE");
        assertThatThrownBy(brk::get).cause().hasMessage("invoked \"break\" outside of a loop");
        assertThat(ret.get().toString()).isEqualTo("fine");
    }

    @Test
    void scriptsRunAtGlobalLevel() throws Exception {
        Interp interp = new Interp();
        interp.eval("proc p {} { set local 1; update; return $local }");
        CompletableFuture<TclObj> f = interp.submit("info level");
        assertThat(interp.eval("p").toString()).isEqualTo("1");
        assertThat(f.get().toString()).isEqualTo("0");
    }

    @Test
    void withoutSourcesVwaitFailsButAHoldKeepsItWaiting() throws Exception {
        Interp interp = new Interp();
        assertThatThrownBy(() -> interp.eval("vwait ::never"))
                .isInstanceOf(TclException.class)
                .hasMessage("can't wait for variable \"::never\": would wait forever");
        Notifier.Hold hold = interp.notifier().hold();
        later(() -> interp.submit("set ::never now"));
        interp.eval("vwait ::never");
        hold.close();
        hold.close();
        assertThat(interp.getVar("never").toString()).isEqualTo("now");
    }

    @Test
    void doOneEventWithoutWaiting() {
        Interp interp = new Interp();
        Notifier n = interp.notifier();
        assertThat(n.doOneEvent(Notifier.ALL_EVENTS | Notifier.DONT_WAIT)).isFalse();
        List<String> seen = new ArrayList<>();
        n.createTimer(0, () -> seen.add("timer"));
        n.whenIdle(() -> seen.add("idle"));
        Notifier.Timer cancelled = n.createTimer(0, () -> seen.add("cancelled"));
        cancelled.cancel();
        while (n.doOneEvent(Notifier.ALL_EVENTS | Notifier.DONT_WAIT)) {
            // drain
        }
        assertThat(seen).containsExactly("timer", "idle");
        assertThat(cancelled.isPending()).isFalse();
    }

    @Test
    void childInterpretersShareTheirParentsLoop() throws Exception {
        Interp interp = new Interp();
        interp.eval("interp create child");
        Interp child = dev.tclj.Interps.find(interp, TclObj.of("child"));
        assertThat(child.notifier()).isSameAs(interp.notifier());
        CompletableFuture<TclObj> f = child.submit("set x [info level]");
        interp.eval("update");
        assertThat(f.get().toString()).isEqualTo("0");
        assertThat(interp.eval("child eval {set x}").toString()).isEqualTo("0");
        CompletableFuture<TclObj> gone = child.submit("set y 1");
        interp.eval("interp delete child; update");
        assertThatThrownBy(gone::get).cause().hasMessage("attempt to call eval in deleted interpreter");
    }
}
