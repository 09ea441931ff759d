package io.postmortemsync.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SyncKeyTest {

    @Test
    void isTheFirstTwelveHexCharactersOfSha256OfIdNewlineNormalizedAction() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("INC-2025-042\nincrease default connection pool size".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(digest).substring(0, 12);

        assertThat(SyncKey.of("INC-2025-042", "  Increase   default\tconnection pool SIZE ")
                        .value())
                .isEqualTo(expected);
    }

    @Test
    void normalizationAppliesNfkcBeforeLowercasing() {
        // U+FB01 (ﬁ ligature) becomes "fi"; full-width letters become ASCII.
        assertThat(SyncKey.normalize("Add ﬁlter ＡＢＣ")).isEqualTo("add filter abc");
        assertThat(SyncKey.of("X", "Add ﬁlter")).isEqualTo(SyncKey.of("X", "add filter"));
    }

    @Test
    void differentIncidentsGiveDifferentKeysForTheSameAction() {
        assertThat(SyncKey.of("INC-1", "Add alert")).isNotEqualTo(SyncKey.of("INC-2", "Add alert"));
    }

    @Test
    void labelRoundTrips() {
        SyncKey key = SyncKey.of("INC-1", "Add alert");
        assertThat(key.label()).isEqualTo("pmsync-" + key.value());
        assertThat(SyncKey.fromLabel(key.label())).isEqualTo(key);
        assertThat(SyncKey.fromLabel("postmortem-sync")).isNull();
        assertThat(SyncKey.fromLabel("pmsync-XYZ")).isNull();
    }

    @Test
    void rejectsMalformedValues() {
        assertThatThrownBy(() -> new SyncKey("ABCDEF123456")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncKey("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
