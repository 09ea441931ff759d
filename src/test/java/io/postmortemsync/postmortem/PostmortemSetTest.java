package io.postmortemsync.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemSetTest {

    private static ParsedDocument document(String file, String incidentId, Diagnostic... diagnostics) {
        ActionItem item = new ActionItem(
                7,
                "Fix " + file,
                ItemType.PREVENT,
                null,
                null,
                ItemStatus.NOT_STARTED,
                null,
                SyncKey.of(incidentId, "Fix " + file));
        Postmortem pm = new Postmortem(file, incidentId, null, null, null, List.of(), null, null, List.of(item));
        return new ParsedDocument(pm, List.of(diagnostics));
    }

    @Test
    void theLaterPathOfTwoWithOneIncidentIdGetsAnErrorAndLosesItsItems() {
        Diagnostic earlier = Diagnostic.warning("pm/z.md", 3, "No type given");
        List<ParsedDocument> checked = PostmortemSet.checkAcrossDocuments(List.of(
                document("pm/z.md", "INC-1", earlier), document("pm/b.md", "INC-2"), document("pm/a.md", "INC-1")));

        assertThat(checked).extracting(ParsedDocument::file).containsExactly("pm/a.md", "pm/b.md", "pm/z.md");
        assertThat(checked.get(0).postmortem().items()).hasSize(1);
        assertThat(checked.get(0).diagnostics()).isEmpty();
        assertThat(checked.get(1).postmortem().items()).hasSize(1);

        ParsedDocument later = checked.get(2);
        assertThat(later.postmortem().items()).isEmpty();
        assertThat(later.isValid()).isFalse();
        assertThat(later.diagnostics()).first().isEqualTo(earlier);
        assertThat(later.diagnostics().get(1).format())
                .isEqualTo(
                        "pm/z.md: error: Incident id \"INC-1\" is already used by pm/a.md"
                                + " (give each postmortem its own id, e.g. \"incident:\" in front matter); this document's action items are skipped");
    }

    @Test
    void theErrorPointsAtTheLinesNamingTheIdInBothDocuments() {
        ActionItem item = new ActionItem(
                9, "Fix it", ItemType.PREVENT, null, null, ItemStatus.NOT_STARTED, null, SyncKey.of("INC-7", "Fix it"));
        ParsedDocument a = new ParsedDocument(
                new Postmortem("a.md", "INC-7", null, null, null, List.of(), null, null, List.of(item), 2), List.of());
        ParsedDocument b = new ParsedDocument(
                new Postmortem("b.md", "INC-7", null, null, null, List.of(), null, null, List.of(item), 5), List.of());

        Diagnostic error = PostmortemSet.checkAcrossDocuments(List.of(b, a))
                .get(1)
                .diagnostics()
                .getFirst();

        assertThat(error.line()).isEqualTo(5);
        assertThat(error.format()).startsWith("b.md:5: error: Incident id \"INC-7\" is already used by a.md:2 (");
    }

    @Test
    void distinctIdsPassUnchanged() {
        List<ParsedDocument> documents = List.of(document("a.md", "INC-1"), document("b.md", "INC-2"));
        assertThat(PostmortemSet.checkAcrossDocuments(documents)).isEqualTo(documents);
        assertThat(PostmortemSet.checkAcrossDocuments(List.of())).isEmpty();
    }
}
