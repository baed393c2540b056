package dev.tclj.server;

/**
 * The figures of one TclServer as a JMX MBean ({@code dev.tclj.server:type=TclServer,name=...}):
 * what {@code $server stats} reports.
 */
public interface ServerStatsMBean {
    /** Connections open now. */
    int getConnections();

    /** Connections accepted since the server was made (those an -onconnect refused included). */
    long getAccepted();

    /** Commands evaluated. */
    long getCommands();

    /** Commands that failed, and connections closed for breaking a limit. */
    long getErrors();

    /** What clients sent, in characters as the server read them (after end-of-line translation). */
    long getBytesIn();

    /** Bytes sent to clients. */
    long getBytesOut();

    /** Whether the server is listening. */
    boolean isActive();

    /** The port it listens (or last listened) on; 0 before it first started. */
    int getPort();
}
