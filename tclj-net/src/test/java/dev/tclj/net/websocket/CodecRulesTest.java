package dev.tclj.net.websocket;

import dev.tclj.TclException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The small rules: UTF-8 validation, close codes, the accept key, request validation (tcllib's
 * messages), and the permessage-deflate negotiation both ways.
 */
class CodecRulesTest {
    @Test
    void utf8() {
        assertThat(Utf8Validator.isValid("aé€𝄞".getBytes(StandardCharsets.UTF_8), 0, 10)).isTrue();
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC1, (byte) 0x81}, {(byte) 0xE0, (byte) 0x9F, (byte) 0x80},
                {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF0, (byte) 0x8F, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] b : bad) assertThat(Utf8Validator.isValid(b, 0, b.length)).as(java.util.Arrays.toString(b)).isFalse();
        Utf8Validator v = new Utf8Validator();
        byte[] e = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(v.update(e, 0, 1)).isTrue();
        assertThat(v.complete()).isFalse();
        assertThat(v.update(e, 1, 2)).isTrue();
        assertThat(v.complete()).isTrue();
    }

    @Test
    void closeCodes() {
        assertThat(CloseCodes.valid(1000)).isTrue();
        assertThat(CloseCodes.valid(1004)).isFalse();
        assertThat(CloseCodes.valid(1005)).isFalse();
        assertThat(CloseCodes.valid(1006)).isFalse();
        assertThat(CloseCodes.valid(1015)).isFalse();
        assertThat(CloseCodes.valid(3000)).isTrue();
        assertThat(CloseCodes.valid(5000)).isFalse();
        assertThat(CloseCodes.defaultReason(1000)).isEqualTo("Normal closure");
        assertThat(CloseCodes.defaultReason(4001)).isEqualTo("4001");
    }

    @Test
    void closePayloadIsCutAtACharacter() {
        byte[] p = WebSocketConnection.closePayload(1000, "€".repeat(60));
        assertThat(p.length).isLessThanOrEqualTo(125);
        assertThat(Utf8Validator.isValid(p, 2, p.length - 2)).isTrue();
    }

    @Test
    void acceptKeyOfRfc6455() {
        assertThat(Handshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(Handshake.newKey()).hasSize(24).isNotEqualTo(Handshake.newKey());
    }

    private static final List<String> GOOD = List.of("Upgrade", "websocket", "Connection", "keep-alive, Upgrade",
            "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");

    @Test
    void validRequestWithAndWithoutProtocols() throws TclException {
        Handshake.Request r = Handshake.validate(GOOD);
        assertThat(r.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(r.protocols()).isNull();
        assertThat(r.order()).containsExactly("key", "version");
        List<String> withProto = new java.util.ArrayList<>(GOOD);
        withProto.addAll(List.of("sec-websocket-protocol", "chat, superchat"));
        assertThat(Handshake.validate(withProto).protocols()).containsExactly("chat", "superchat");
    }

    @Test
    void invalidRequests() {
        assertThatThrownBy(() -> Handshake.validate(List.of("Upgrade", "websocket"))).hasMessage("No 'Connect' header with 'upgrade' token found");
        assertThatThrownBy(() -> Handshake.validate(List.of("Upgrade", "h2c"))).hasMessage("No 'Upgrade' header with 'websocket' token found");
        assertThatThrownBy(() -> Handshake.validate(List.of("Sec-WebSocket-Version", "8"))).hasMessage("Invalid WebSocket version '8'");
        assertThatThrownBy(() -> Handshake.validate(List.of("Sec-WebSocket-Key", "short"))).hasMessage("Invalid WebSocket key length");
        assertThatThrownBy(() -> Handshake.validate(List.of("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25j!!=="))).hasMessage("Invalid WebSocket key: not base64");
        assertThatThrownBy(() -> Handshake.validate(List.of("Sec-WebSocket-Protocol", "a b"))).hasMessage("Invalid protocol name 'a b'");
        assertThatThrownBy(() -> Handshake.validate(List.of("Connection", "Upgrade"))).hasMessage("No WebSocket version specified");
        assertThatThrownBy(() -> Handshake.validate(List.of("Connection", "Upgrade", "Sec-WebSocket-Version", "13"))).hasMessage("No WebSocket key specified");
    }

    @Test
    void responseHead() {
        byte[] b = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: chat\r\n\r\n\u0081\u0000".getBytes(StandardCharsets.ISO_8859_1);
        int end = Handshake.headEnd(b, b.length);
        assertThat(end).isEqualTo(b.length - 2);
        Handshake.Response r = Handshake.parseResponse(b, end);
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.get("upgrade")).isEqualTo("websocket");
        assertThat(r.get("Sec-WebSocket-Protocol")).isEqualTo("chat");
        assertThat(Handshake.headEnd(b, 20)).isEqualTo(-1);
    }

    // ---- permessage-deflate negotiation

    private static PerMessageDeflate.Agreement serverSays(String offer) {
        return PerMessageDeflate.accept(PerMessageDeflate.parse(List.of(offer)));
    }

    @Test
    void serverAcceptsPlainAndParameterisedOffers() {
        assertThat(serverSays("permessage-deflate").response()).isEqualTo("permessage-deflate");
        assertThat(serverSays("permessage-deflate; client_max_window_bits").response()).isEqualTo("permessage-deflate");
        assertThat(serverSays("permessage-deflate; server_no_context_takeover; client_no_context_takeover").response())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(serverSays("permessage-deflate; server_max_window_bits=15").response())
                .isEqualTo("permessage-deflate; server_max_window_bits=15");
    }

    @Test
    void serverDeclinesWhatItCannotHonourAndTakesTheNextOffer() {
        assertThat(serverSays("permessage-deflate; server_max_window_bits=10")).isNull();
        assertThat(serverSays("permessage-deflate; unknown_param")).isNull();
        assertThat(serverSays("permessage-deflate; server_no_context_takeover; server_no_context_takeover")).isNull();
        assertThat(serverSays("x-webkit-deflate-frame")).isNull();
        assertThat(serverSays("permessage-deflate; server_max_window_bits=10, permessage-deflate").response()).isEqualTo("permessage-deflate");
    }

    @Test
    void clientChecksTheServersAnswer() {
        String[] why = new String[1];
        assertThat(PerMessageDeflate.accepted(PerMessageDeflate.parse(List.of("permessage-deflate; server_max_window_bits=9")), why)).isNotNull();
        assertThat(PerMessageDeflate.accepted(PerMessageDeflate.parse(List.of("permessage-deflate; client_max_window_bits=9")), why)).isNull();
        assertThat(PerMessageDeflate.accepted(PerMessageDeflate.parse(List.of("other-ext")), why)).isNull();
    }

    @Test
    void noContextTakeoverCompressesEachMessageAlone() throws Exception {
        PerMessageDeflate a = new PerMessageDeflate(true, true), b = new PerMessageDeflate(true, true);
        byte[] msg = "the same words again and again ".repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] c1 = a.compress(msg, 0, msg.length, true);
        byte[] c2 = a.compress(msg, 0, msg.length, true);
        // with no context kept, the second message cannot refer to the first: same output
        assertThat(c2).isEqualTo(c1);
        dev.tclj.io.Bytes out = new dev.tclj.io.Bytes(16);
        assertThat(b.decompress(c1, 0, c1.length, true, out, 1 << 20)).isTrue();
        assertThat(out.toArray()).isEqualTo(msg);
    }
}
