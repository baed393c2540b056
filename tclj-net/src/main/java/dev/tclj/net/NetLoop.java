package dev.tclj.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty event loops every tclj socket runs on: one group per process, shared by all
 * interpreters, on the NIO transport, made on first use. Its threads only move bytes and post
 * events; Tcl code runs on the interpreters' own threads. They are daemon threads, so that a
 * script that ends (or calls exit) does not wait for them.
 */
final class NetLoop {
    private NetLoop() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                new DefaultThreadFactory("tclj-net", true),
                NioIoHandler.newFactory());
    }

    static EventLoopGroup group() { return Holder.GROUP; }
}
