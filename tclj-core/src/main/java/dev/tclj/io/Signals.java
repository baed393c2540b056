package dev.tclj.io;

/** Signal names and Tcl's descriptions of them (Tcl_SignalId, Tcl_SignalMsg), Linux numbering. */
final class Signals {
    private Signals() {}

    private static final String[][] TABLE = {
            null,
            {"SIGHUP", "hangup"}, {"SIGINT", "interrupt"}, {"SIGQUIT", "quit signal"},
            {"SIGILL", "illegal instruction"}, {"SIGTRAP", "trace trap"}, {"SIGABRT", "SIGABRT"},
            {"SIGBUS", "bus error"}, {"SIGFPE", "floating-point exception"}, {"SIGKILL", "kill signal"},
            {"SIGUSR1", "user-defined signal 1"}, {"SIGSEGV", "segmentation violation"},
            {"SIGUSR2", "user-defined signal 2"}, {"SIGPIPE", "write on pipe with no readers"},
            {"SIGALRM", "alarm clock"}, {"SIGTERM", "software termination signal"},
            {"unknown signal", "unknown signal"}, {"SIGCHLD", "child status changed"},
            {"SIGCONT", "continue after stop"}, {"SIGSTOP", "stop"}, {"SIGTSTP", "stop signal from tty"},
            {"SIGTTIN", "background tty read"}, {"SIGTTOU", "background tty write"},
            {"SIGURG", "urgent I/O condition"}, {"SIGXCPU", "exceeded CPU time limit"},
            {"SIGXFSZ", "exceeded file size limit"}, {"SIGVTALRM", "virtual time alarm"},
            {"SIGPROF", "profiling alarm"}, {"SIGWINCH", "window changed"},
            {"SIGIO", "input/output possible on file"}, {"SIGPWR", "power-fail restart"},
            {"SIGSYS", "bad argument to system call"},
    };

    static String name(int sig) {
        return sig > 0 && sig < TABLE.length ? TABLE[sig][0] : "unknown signal";
    }

    static String message(int sig) {
        return sig > 0 && sig < TABLE.length ? TABLE[sig][1] : "unknown signal";
    }
}
