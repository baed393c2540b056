package dev.tclj.server;

import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Tcl package {@code TclServer}: NSCLDAQ's snit type, in Java.
 * <pre>
 *   set s [TclServer name|%AUTO% ?-port p? ?-onconnect script? ?-onerror script? ?option value...?]
 *   $s start | stop | close | configure ?-opt ?value?...? | configurelist list | cget -opt | destroy
 *   $s connections | stats                                   (tclj's additions)
 * </pre>
 * The type command and the object commands behave as snit makes them, messages included: the
 * object's name is qualified in the caller's namespace, {@code %AUTO%} becomes
 * {@code TclServerN} with snit's counter, a constructor error is "Error in constructor: ...",
 * and an unknown method lists the methods this object has been called with so far (snit's
 * ensemble learns them on first use). The methods' own errors are the original's.
 *
 * <p>Options beyond the original (all off by default, so an old client sees no difference):
 * {@code -myaddr}, {@code -protocol line|framed}, {@code -interp path}, {@code -clientinterps
 * bool} with {@code -aliases {name prefix ...}}, and the limits {@code -maxcommand} (characters),
 * {@code -timelimit}, {@code -idletimeout} (milliseconds) and {@code -maxconnections}; the WebSocket
 * transport and browser console, {@code -websocket path}, {@code -origins list}, {@code -token secret}.
 */
final class TclServerCmd {
    private TclServerCmd() {}

    static final String TYPE = "::TclServer";

    /** The type's state in one interpreter: snit's instance counter and the live instances. */
    private static final class TypeState {
        long counter;
        final LinkedHashMap<String, Instance> instances = new LinkedHashMap<>();
    }

    private static TypeState state(Interp interp) {
        TypeState s = interp.getAssoc(TypeState.class);
        if (s == null) {
            s = new TypeState();
            interp.setAssoc(TypeState.class, s);
        }
        return s;
    }

    /** Creates the TclServer command (package require TclServer). */
    static void register(Interp interp) {
        interp.createCommand(TYPE, TclServerCmd::typeCommand);
    }

    // ======================================================================================
    // The type command
    // ======================================================================================

    private static TclObj typeCommand(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "subcommand ?arg ...?");
        String sub = objv[1].toString();
        switch (sub) {
            case "create" -> {
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "name ?arg ...?");
                return create(interp, objv[2].toString(), objv, 3);
            }
            case "info" -> {
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "command ?arg ...?");
                if (!objv[2].toString().equals("instances")) {
                    throw TclException.error("\"" + TYPE + " info " + objv[2] + "\" is not defined");
                }
                if (objv.length > 4) throw TclException.wrongArgs(objv, 3, "?pattern?");
                String pattern = objv.length == 4 ? objv[3].toString() : null;
                List<TclObj> l = new ArrayList<>();
                for (String n : state(interp).instances.keySet()) {
                    if (pattern == null || dev.tclj.Glob.match(pattern, n, false)) l.add(TclObj.of(n));
                }
                return TclObj.ofList(TclList.of(l));
            }
            case "destroy" -> {
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                for (Instance i : new ArrayList<>(state(interp).instances.values())) i.destroy(interp);
                CommandEntry ce = interp.findCommand(TYPE);
                if (ce != null) interp.deleteCommand(ce);
                return TclObj.EMPTY;
            }
            default -> {
                // snit: any other word is the name of a new instance
                return create(interp, sub, objv, 2);
            }
        }
    }

    private static TclObj create(Interp interp, String name, TclObj[] objv, int optStart) throws TclException {
        TypeState ts = state(interp);
        String full;
        if (name.contains("%AUTO%")) {
            do {
                full = qualify(interp, name.replace("%AUTO%", "TclServer" + (++ts.counter)));
            } while (interp.findCommand(full) != null);
        } else {
            full = qualify(interp, name);
            if (interp.findCommand(full) != null) throw TclException.error("command \"" + full + "\" already exists");
        }
        ts.counter++;
        Instance inst = new Instance(interp, full);
        try {
            inst.seen.add("configurelist");
            inst.configurePairs(interp, objv, optStart);
        } catch (TclException e) {
            inst.engine.shutdown();
            throw TclException.error("Error in constructor: " + e.result());
        }
        CommandEntry ce = interp.defineCommand(full, inst::invoke);
        inst.command = ce;
        ce.setOnDelete(() -> inst.deleted(interp));
        ts.instances.put(full, inst);
        return TclObj.of(full);
    }

    private static String qualify(Interp interp, String name) {
        if (name.startsWith("::")) return name;
        dev.tclj.Namespace ns = interp.currentNamespace();
        return ns.isGlobal() ? "::" + name : ns.fullName() + "::" + name;
    }

    // ======================================================================================
    // Instances
    // ======================================================================================

    /** The options in the order configure lists them. */
    private static final String[] OPTIONS = {"-port", "-onconnect", "-onerror", "-myaddr", "-protocol", "-interp",
            "-clientinterps", "-aliases", "-maxcommand", "-timelimit", "-idletimeout", "-maxconnections",
            "-websocket", "-origins", "-token"};

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("-port", ""), Map.entry("-onconnect", ""), Map.entry("-onerror", ""), Map.entry("-myaddr", ""),
            Map.entry("-protocol", "line"), Map.entry("-interp", ""), Map.entry("-clientinterps", "0"),
            Map.entry("-aliases", ""), Map.entry("-maxcommand", "0"), Map.entry("-timelimit", "0"),
            Map.entry("-idletimeout", "0"), Map.entry("-maxconnections", "0"),
            Map.entry("-websocket", ""), Map.entry("-origins", ""), Map.entry("-token", ""));

    /** One TclServer object. */
    static final class Instance {
        final String name;
        final ServerEngine engine;
        final Map<String, TclObj> values = new LinkedHashMap<>();
        /** The methods called so far (snit's instance ensemble learns them as they are used). */
        final TreeSet<String> seen = new TreeSet<>();
        CommandEntry command;
        private boolean destroying;

        Instance(Interp interp, String name) {
            this.name = name;
            this.engine = new ServerEngine(interp, name);
            for (String o : OPTIONS) values.put(o, TclObj.of(DEFAULTS.get(o)));
        }

        TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
            if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "subcommand ?arg ...?");
            String m = objv[1].toString();
            switch (m) {
                case "start", "stop", "close", "destroy", "connections", "stats", "cget", "configure", "configurelist",
                     "_changePort" -> seen.add(m);
                default -> throw unknownMethod(m);
            }
            switch (m) {
                case "start" -> {
                    noArgs(objv);
                    start(interp);
                    return TclObj.EMPTY;
                }
                case "stop" -> {
                    noArgs(objv);
                    if (!engine.isActive()) throw TclException.error("To stop the server it must be active and is not");
                    engine.stop();
                    return TclObj.EMPTY;
                }
                case "close" -> {
                    noArgs(objv);
                    engine.closeAll();
                    return TclObj.EMPTY;
                }
                case "destroy" -> {
                    noArgs(objv);
                    destroy(interp);
                    return TclObj.EMPTY;
                }
                case "connections" -> {
                    noArgs(objv);
                    List<TclObj> l = new ArrayList<>();
                    for (String n : engine.connectionNames()) l.add(TclObj.of(n));
                    return TclObj.ofList(TclList.of(l));
                }
                case "stats" -> {
                    noArgs(objv);
                    return engine.stats.toDict();
                }
                case "cget" -> {
                    if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "option");
                    TclObj v = values.get(objv[2].toString());
                    if (v == null) throw unknownOption(objv[2].toString());
                    return v;
                }
                case "configurelist" -> {
                    if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "optionlist");
                    TclObj[] words = objv[2].asList().toArray();
                    configurePairs(interp, words, 0);
                    return TclObj.EMPTY;
                }
                case "_changePort" -> {
                    if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "optname optval");
                    set(interp, "-port", objv[3]);
                    return objv[3];
                }
                default -> {
                    if (objv.length == 2) {
                        List<TclObj> l = new ArrayList<>();
                        for (String o : OPTIONS) l.add(spec(o));
                        return TclObj.ofList(TclList.of(l));
                    }
                    if (objv.length == 3) {
                        String o = objv[2].toString();
                        if (!values.containsKey(o)) throw unknownOption(o);
                        return spec(o);
                    }
                    configurePairs(interp, objv, 2);
                    return TclObj.EMPTY;
                }
            }
        }

        private TclException unknownMethod(String m) {
            StringBuilder sb = new StringBuilder("unknown subcommand \"").append(m).append("\": must be ");
            List<String> l = new ArrayList<>(seen);
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(i == l.size() - 1 ? ", or " : ", ");
                sb.append(l.get(i));
            }
            return TclException.error(sb.toString(), "TCL", "LOOKUP", "SUBCOMMAND", m);
        }

        private static void noArgs(TclObj[] objv) throws TclException {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
        }

        private TclObj spec(String o) {
            String res = o.substring(1);
            String cls = Character.toUpperCase(res.charAt(0)) + res.substring(1);
            return TclObj.ofList(TclObj.of(o), TclObj.of(res), TclObj.of(cls), TclObj.of(DEFAULTS.get(o)), values.get(o));
        }

        /** Option/value pairs from words[from...]; an odd last option gets "" (snit's foreach). */
        void configurePairs(Interp interp, TclObj[] words, int from) throws TclException {
            for (int i = from; i < words.length; i += 2) {
                String o = words[i].toString();
                TclObj v = i + 1 < words.length ? words[i + 1] : TclObj.EMPTY;
                if (!values.containsKey(o)) throw unknownOption(o);
                set(interp, o, v);
            }
        }

        private static TclException unknownOption(String o) {
            return TclException.error("unknown option \"" + o + "\"");
        }

        private void set(Interp interp, String o, TclObj v) throws TclException {
            String s = v.toString();
            switch (o) {
                case "-port" -> {
                    seen.add("_changePort");
                    if (engine.isActive()) throw TclException.error("Cannot change the -port option when the server is listening");
                    if (!isPositiveInt(v)) throw TclException.error("The -port value must be a positive integer and is " + s);
                }
                case "-onconnect" -> engine.onConnect = s.isEmpty() ? null : Handlers.OnConnect.script(s);
                case "-onerror" -> engine.onError = s.isEmpty() ? null : Handlers.OnError.script(s);
                case "-myaddr" -> {
                    if (engine.isActive()) throw TclException.error("Cannot change the -myaddr option when the server is listening");
                    engine.myaddr = s.isEmpty() ? null : s;
                }
                case "-protocol" -> {
                    Protocol p = Protocol.named(s);
                    if (p == null) throw TclException.error("bad protocol \"" + s + "\": must be line or framed");
                    engine.protocol = p;
                }
                case "-interp" -> engine.evalInterp = s.isEmpty() ? null : Interps.find(interp, v);
                case "-clientinterps" -> {
                    boolean on;
                    try {
                        on = v.asBoolean();
                    } catch (TclException e) {
                        throw TclException.error("The -clientinterps value must be a boolean and is " + s);
                    }
                    v = TclObj.of(on ? "1" : "0");
                    values.put(o, v);
                    applyClientInterps(interp);
                    return;
                }
                case "-aliases" -> {
                    TclList l;
                    try {
                        l = v.asList();
                    } catch (TclException e) {
                        l = null;
                    }
                    if (l == null || (l.size() & 1) != 0) {
                        throw TclException.error("The -aliases value must be a list of names and command prefixes and is " + s);
                    }
                    values.put(o, v);
                    applyClientInterps(interp);
                    return;
                }
                case "-maxcommand" -> engine.maxCommand = nonNegative(o, v);
                case "-timelimit" -> engine.timeLimit = nonNegative(o, v);
                case "-idletimeout" -> engine.idleTimeout = nonNegative(o, v);
                case "-maxconnections" -> engine.maxConnections = (int) Math.min(Integer.MAX_VALUE, nonNegative(o, v));
                case "-websocket" -> {
                    String bad = s.isEmpty() ? null : WebSocketTransport.badPath(s);
                    if (bad != null) throw TclException.error("The -websocket value must be " + bad + " and is " + s);
                    engine.webSocket.path = s.isEmpty() ? null : s;
                }
                case "-origins" -> {
                    List<String> l = new ArrayList<>();
                    for (TclObj e : v.asList().toArray()) l.add(e.toString());
                    engine.webSocket.origins = List.copyOf(l);
                }
                case "-token" -> engine.webSocket.token = s.isEmpty() ? null : s;
                default -> throw unknownOption(o);
            }
            values.put(o, v);
            if (o.equals("-onconnect") || o.equals("-websocket") || o.equals("-token")) showToken();
        }

        /**
         * While the server listens, -token shows the token WebSocket clients need: the one set, or
         * one made at random when the server authenticates clients (see WebSocketTransport).
         */
        private void showToken() {
            String token = engine.isActive() && engine.webSocket.enabled() ? engine.webSocket.token() : null;
            if (token != null) values.put("-token", TclObj.of(token));
        }

        /** Each client's safe interpreter gets the -aliases, each calling its prefix in this interpreter. */
        private void applyClientInterps(Interp interp) throws TclException {
            boolean on = values.get("-clientinterps").asBoolean();
            if (!on) {
                engine.clientInterps = null;
                return;
            }
            TclList aliases = values.get("-aliases").asList();
            engine.clientInterps = child -> {
                for (int i = 0; i + 1 < aliases.size(); i += 2) {
                    try {
                        Interps.alias(child, aliases.get(i).toString(), interp, aliases.get(i + 1).asList().toArray());
                    } catch (TclException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                }
            };
        }

        private static long nonNegative(String o, TclObj v) throws TclException {
            long n;
            try {
                n = v.asLong();
            } catch (TclException e) {
                n = -1;
            }
            if (n < 0) throw TclException.error("The " + o + " value must be a non-negative integer and is " + v);
            return n;
        }

        /** string is integer -strict, and greater than zero (the original's test). */
        private static boolean isPositiveInt(TclObj v) {
            try {
                long n = v.asLong();
                return n > 0 && n <= Integer.MAX_VALUE;
            } catch (TclException e) {
                return false;
            }
        }

        private void start(Interp interp) throws TclException {
            TclObj p = values.get("-port");
            if (engine.isActive()) {
                throw TclException.error("Server is already listening on " + p + " and must first be stopped");
            }
            long port;
            try {
                port = p.asLong();
                if (port < Integer.MIN_VALUE || port > Integer.MAX_VALUE) throw new TclException("range");
            } catch (TclException e) {
                throw TclException.error("To start the server, the port must be an integer but it is: " + p);
            }
            engine.port = (int) port;
            engine.start();
            engine.registerMBean();
            showToken();
        }

        /** $s destroy: stop when active, close every connection, and delete the command. */
        void destroy(Interp interp) {
            if (destroying) return;
            destroying = true;
            engine.shutdown();
            state(interp).instances.remove(name);
            if (command != null) interp.deleteCommand(command);
        }

        /** The command was deleted (rename to "", its namespace or interpreter deleted). */
        void deleted(Interp interp) {
            command = null;
            destroy(interp);
        }
    }
}
