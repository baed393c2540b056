package dev.tclj.net.websocket;

/**
 * The status codes of Close frames (RFC 6455 section 7.4): which may appear on the wire, and the
 * reason tcllib's package reports for each when a Close carries none.
 */
final class CloseCodes {
    private CloseCodes() {}

    static final int NORMAL = 1000, GOING_AWAY = 1001, PROTOCOL_ERROR = 1002, UNSUPPORTED_DATA = 1003,
            NO_STATUS = 1005, ABNORMAL = 1006, INVALID_DATA = 1007, POLICY = 1008, TOO_BIG = 1009,
            MISSING_EXTENSION = 1010, INTERNAL_ERROR = 1011, TLS_FAILURE = 1015;

    /**
     * Whether a Close frame may carry this code. 1000-1003 and 1007-1011 are the RFC's, 1012-1014
     * were registered with IANA since, 3000-4999 belong to libraries and applications; 1004 is
     * reserved and 1005, 1006 and 1015 only name conditions to report, never to send.
     */
    static boolean valid(int code) {
        if (code >= 3000 && code <= 4999) return true;
        return code >= 1000 && code <= 1014 && code != 1004 && code != NO_STATUS && code != ABNORMAL;
    }

    /**
     * The reason reported for a code that came without one: tcllib's words, and for a code it
     * has none for, the code itself (as tcllib's string map leaves it).
     */
    static String defaultReason(int code) {
        return switch (code) {
            case 1000 -> "Normal closure";
            case 1001 -> "Endpoint going away";
            case 1002 -> "Protocol error";
            case 1003 -> "Received incompatible data type";
            case 1006 -> "Abnormal closure";
            case 1007 -> "Received data not consistent with type";
            case 1008 -> "Policy violation";
            case 1009 -> "Received message too big";
            case 1010 -> "Missing extension";
            case 1011 -> "Unexpected condition";
            case 1015 -> "TLS handshake error";
            default -> String.valueOf(code);
        };
    }
}
