package dev.tclj.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel names numbered from the process's pool (file3, sock4...) keep their number until that
 * channel is closed: closing a channel whose name only looks numbered (a reflected channel's rcN,
 * a WebSocket's wssockN, which count on their own) must not hand the number out again, or two
 * live channels would share a name and one of them would be lost.
 */
class ChannelNamesTest {
    @Test
    void onlyPoolNamesGiveTheirNumberBack() {
        int n = ChannelTable.allocateNumber();
        try {
            ChannelTable.releaseName("rc" + n);
            ChannelTable.releaseName("wssock" + n);
            ChannelTable.releaseName("stdout");
            int next = ChannelTable.allocateNumber();
            ChannelTable.releaseNumber(next);
            assertThat(next).isNotEqualTo(n);
        } finally {
            ChannelTable.releaseNumber(n);
        }
    }
}
