package dev.tclj.io;

import java.util.ArrayList;
import java.util.List;

/**
 * An escape-driven encoding (iso2022, iso2022-jp, iso2022-kr): escape sequences switch between
 * table encodings. Encoding stays in the current table while it can represent the characters,
 * otherwise switches to the first table that can; the stream ends in the first table.
 */
final class EscapeEncoding extends TclEncoding {
    private final byte[] init, fin;
    private final byte[][] sequences;
    private final String[] tableNames;
    private final TableEncoding[] tables;
    private final boolean[] prefix = new boolean[256];

    private EscapeEncoding(String name, byte[] init, byte[] fin, List<byte[]> seqs, List<String> names) {
        super(name);
        this.init = init;
        this.fin = fin;
        this.sequences = seqs.toArray(new byte[0][]);
        this.tableNames = names.toArray(new String[0]);
        this.tables = new TableEncoding[tableNames.length];
        for (byte[] s : sequences) if (s.length > 0) prefix[s[0] & 0xFF] = true;
        if (init.length > 0) prefix[init[0] & 0xFF] = true;
        if (fin.length > 0) prefix[fin[0] & 0xFF] = true;
    }

    /** Parses the lines after the "E" type line: "name value" pairs, values in Tcl list syntax. */
    static EscapeEncoding load(String name, List<String> lines, int start) {
        byte[] init = new byte[0], fin = new byte[0];
        List<byte[]> seqs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = start; i < lines.size(); i++) {
            String[] w = lines.get(i).trim().split("\\s+", 2);
            if (w.length < 2) continue;
            byte[] value = unescape(w[1].trim());
            switch (w[0]) {
                case "name": break;
                case "init": init = value; break;
                case "final": fin = value; break;
                default:
                    names.add(w[0]);
                    seqs.add(value);
            }
        }
        return new EscapeEncoding(name, init, fin, seqs, names);
    }

    /** The bytes of a value such as {@code \x1b$B} or {@code {}}. */
    private static byte[] unescape(String v) {
        if (v.equals("{}")) return new byte[0];
        Bytes b = new Bytes(8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 3 < v.length() && v.charAt(i + 1) == 'x') {
                b.append(Integer.parseInt(v.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toArray();
    }

    /** The table for a state, loaded on first use; null if it is not a table encoding. */
    private TableEncoding table(int state) {
        TableEncoding t = tables[state];
        if (t == null) {
            TclEncoding e = Encodings.find(tableNames[state]);
            if (e instanceof TableEncoding te) t = tables[state] = te;
            else if (e == Encodings.ISO8859_1) t = tables[state] = TableEncoding.latin1();
        }
        return t;
    }

    private static boolean matches(byte[] in, int ip, int inEnd, byte[] seq) {
        if (seq.length == 0 || ip + seq.length > inEnd) return false;
        for (int k = 0; k < seq.length; k++) if (in[ip + k] != seq[k]) return false;
        return true;
    }

    @Override
    public Decoder newDecoder() {
        return new Decoder() {
            int state;

            @Override
            public void reset() { state = 0; }

            @Override
            public int decode(byte[] in, int inEnd, char[] out, int outEnd, boolean[] stop, boolean end) {
                int ip = inPos, op = outPos;
                int r = UNDERFLOW;
                loop:
                while (ip < inEnd) {
                    if (op >= outEnd) { r = FULL; break; }
                    int b = in[ip] & 0xFF;
                    if (prefix[b]) {
                        int left = inEnd - ip;
                        int longest = Math.max(init.length, fin.length);
                        int checked = 0;
                        if (init.length <= left) {
                            checked++;
                            if (matches(in, ip, inEnd, init)) { ip += init.length; continue; }
                        }
                        if (fin.length <= left) {
                            checked++;
                            if (matches(in, ip, inEnd, fin)) { ip += fin.length; continue; }
                        }
                        for (int s = 0; s < sequences.length; s++) {
                            byte[] seq = sequences[s];
                            longest = Math.max(longest, seq.length);
                            if (seq.length <= left) {
                                checked++;
                                if (matches(in, ip, inEnd, seq)) {
                                    state = s;
                                    ip += seq.length;
                                    continue loop;
                                }
                            }
                        }
                        if (checked == sequences.length + 2 || end) {
                            ip = Math.min(inEnd, ip + longest); // an unknown escape sequence is skipped
                            continue;
                        }
                        break;
                    }
                    TableEncoding t = table(state);
                    int hi = 0, lo = b, n = 1;
                    if (t != null && t.prefix[b]) {
                        if (ip + 1 >= inEnd) {
                            if (end) ip = inEnd;
                            break;
                        }
                        hi = b;
                        lo = in[ip + 1] & 0xFF;
                        n = 2;
                    }
                    int ch = t == null ? 0 : t.toChar(hi, lo);
                    lastStart = ip;
                    ip += n;
                    out[op++] = (char) ch;
                    if (stop != null && ch < 128 && stop[ch]) { r = STOPPED; break; }
                }
                inPos = ip;
                outPos = op;
                return r;
            }
        };
    }

    @Override
    public Encoder newEncoder() {
        return new Encoder() {
            int state;
            boolean started;

            @Override
            public void reset() { state = 0; started = false; }

            @Override
            public void encode(CharSequence s, int from, int to, Bytes out) {
                if (!started) {
                    started = true;
                    state = 0;
                    out.append(init, 0, init.length);
                }
                TableEncoding t = table(state);
                for (int i = from; i < to; i++) {
                    char c = s.charAt(i);
                    int word = t == null ? 0 : t.lookup(c);
                    if (word == 0 && c != 0) {
                        int old = state;
                        TableEncoding found = null;
                        for (int k = 0; k < tables.length; k++) {
                            TableEncoding tk = table(k);
                            if (tk != null && (word = tk.lookup(c)) != 0) { found = tk; state = k; break; }
                        }
                        if (found == null) {
                            state = old;
                            word = t == null ? '?' : t.fallback;
                            // a character outside the BMP is one character: one fallback
                            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                        } else {
                            t = found;
                        }
                        if (state != old) out.append(sequences[state], 0, sequences[state].length);
                    }
                    if (t == null) out.append(word & 0xFF);
                    else t.appendCode(word, out);
                }
            }

            @Override
            public void finish(Bytes out) {
                if (!started) {
                    started = true;
                    out.append(init, 0, init.length);
                }
                if (state != 0) out.append(sequences[0], 0, sequences[0].length);
                out.append(fin, 0, fin.length);
                state = 0;
                started = false;
            }
        };
    }
}
