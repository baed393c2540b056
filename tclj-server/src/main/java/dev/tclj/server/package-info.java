/**
 * TclServer: clients send Tcl commands over TCP to a running program and get the results back.
 *
 * <ul>
 * <li>{@link dev.tclj.server.TclServer}: the server for Java programs, made by a builder.
 * <li>The Tcl package {@code TclServer} (NSCLDAQ's snit type, wire-compatible by default) and the
 *     framed protocol's Tcl client {@code TclServer::client}, declared in every trusted
 *     interpreter by {@link dev.tclj.server.ServerPackages}.
 * <li>{@link dev.tclj.server.TclServerClient}: the framed protocol's Java client.
 * <li>The WebSocket transport and the browser console on the server's port ({@code -websocket},
 *     {@code Builder.webSocket}): WebSocketTransport, WebSocketClient, ConsolePage.
 * </ul>
 * One engine serves them all: it listens through tclj-net's server sockets, so each client is an
 * ordinary Tcl channel of the server's interpreter, and serves each client from a Java handler in
 * the interpreter's event loop, never blocking it.
 */
package dev.tclj.server;
