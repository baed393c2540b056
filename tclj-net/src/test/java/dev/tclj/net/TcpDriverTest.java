package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.io.Channel;
import dev.tclj.io.PosixError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TCP driver over an {@link EmbeddedChannel}: input buffering and the wake-up of the event
 * loop, flow control, end of file, errors, output, and the Tcl channel above it.
 */
class TcpDriverTest {
    private Interp interp;
    private EmbeddedChannel ch;
    private TcpDriver driver;

    @BeforeEach
    void setUp() {
        interp = new Interp();
        ch = new EmbeddedChannel();
        driver = new TcpDriver(interp, ch);
        ch.pipeline().addLast(driver.inbound());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        ch.finishAndReleaseAll();
    }

    private void arrive(String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private String readNow(int max) throws IOException {
        byte[] b = new byte[max];
        int n = driver.read(b, 0, max);
        return n < 0 ? null : new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesArriveInOrderAndWakeTheLoop() throws IOException {
        AtomicInteger wakes = new AtomicInteger();
        driver.watchInput(wakes::incrementAndGet);
        driver.setBlocking(false);
        assertThat(driver.inputReady()).isFalse();
        assertThat(readNow(10)).isEmpty();
        arrive("hello ");
        arrive("world");
        assertThat(wakes.get()).isEqualTo(2);
        assertThat(driver.inputReady()).isTrue();
        assertThat(readNow(8)).isEqualTo("hello wo");
        assertThat(readNow(8)).isEqualTo("rld");
        assertThat(driver.inputReady()).isFalse();
    }

    @Test
    void aBlockingReadWaitsForData() throws Exception {
        CompletableFuture<String> r = CompletableFuture.supplyAsync(() -> {
            try {
                return readNow(100);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(50);
        assertThat(r).isNotDone();
        arrive("late");
        assertThat(r.get(5, TimeUnit.SECONDS)).isEqualTo("late");
    }

    @Test
    void aFastPeerIsPausedUntilTheScriptDrainsTheInput() throws IOException {
        byte[] chunk = new byte[16 * 1024];
        int sent = 0;
        while (ch.config().isAutoRead()) {
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            sent += chunk.length;
            assertThat(sent).isLessThanOrEqualTo(TcpDriver.PAUSE + chunk.length);
        }
        assertThat(driver.buffered()).isGreaterThanOrEqualTo(TcpDriver.PAUSE);
        assertThat(driver.readPaused()).isTrue();
        byte[] b = new byte[4096];
        while (driver.buffered() > TcpDriver.RESUME + b.length) {
            driver.read(b, 0, b.length);
            assertThat(ch.config().isAutoRead()).isFalse();
        }
        driver.read(b, 0, b.length);
        driver.read(b, 0, b.length);
        assertThat(driver.readPaused()).isFalse();
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void endOfInputComesAfterTheBufferedData() throws IOException {
        driver.setBlocking(false);
        arrive("tail");
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(driver.inputReady()).isTrue();
        assertThat(readNow(10)).isEqualTo("tail");
        assertThat(readNow(10)).isNull();
        assertThat(driver.inputReady()).isTrue();
    }

    @Test
    void writesGoToTheConnection() throws IOException {
        driver.setBlocking(false);
        byte[] data = "abc".getBytes(StandardCharsets.ISO_8859_1);
        driver.write(data, 0, 3);
        Arrays.fill(data, (byte) 'x');
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abc");
        out.release();
        assertThat(driver.outputReady()).isTrue();
    }

    @Test
    void aResetIsReportedOnceByErrorAndFailsTheNextWrite() throws Exception {
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(driver.getOption("-error").toString()).isEqualTo("connection reset by peer");
        assertThat(driver.getOption("-error").toString()).isEmpty();
        assertThatThrownBy(() -> driver.write(new byte[]{1}, 0, 1))
                .isInstanceOfSatisfying(PosixError.PosixException.class, e -> assertThat(e.error).isEqualTo(PosixError.EPIPE));
    }

    @Test
    void socketOptionsOfAConnection() throws TclException {
        assertThat(driver.getOption("-connecting").toString()).isEqualTo("0");
        assertThat(driver.getOption("-error").toString()).isEmpty();
        assertThatThrownBy(() -> driver.getOption("-froboz"))
                .hasMessage("bad option \"-froboz\": should be one of -blocking, -buffering, -buffersize, -encoding, "
                        + "-eofchar, -translation, -connecting, -peername, or -sockname");
        assertThat(driver.optionNames()).isEmpty();
    }

    @Test
    void theTclChannelReadsLinesTranslatedAsTclSocketsDo() throws IOException {
        Channel c = SocketCmd.newChannel(driver);
        assertThat(c.name()).startsWith("sock");
        arrive("one\r\ntwo\r\n");
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        StringBuilder sb = new StringBuilder();
        c.gets(sb);
        assertThat(sb.toString()).isEqualTo("one");
        sb.setLength(0);
        c.gets(sb);
        assertThat(sb.toString()).isEqualTo("two");
        assertThat(c.gets(new StringBuilder())).isEqualTo(-1);
        assertThat(c.eof()).isTrue();
        c.write("reply\n");
        c.flush();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("reply\r\n");
        out.release();
    }

    @Test
    void readingAnExactCountDoesNotAskForMore() throws IOException {
        Channel c = SocketCmd.newChannel(driver);
        c.setInputTranslation(Channel.LF);
        arrive("abcde");
        StringBuilder sb = new StringBuilder();
        // blocking: a read past the five bytes would wait forever
        c.read(sb, 5);
        assertThat(sb.toString()).isEqualTo("abcde");
    }

    @Test
    void closingReleasesWhatWasBuffered() throws IOException {
        arrive("unread");
        driver.close();
        assertThat(ch.isOpen()).isFalse();
        assertThat(driver.buffered()).isZero();
    }
}
