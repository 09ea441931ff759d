package io.postmortemsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postmortemsync.source.DocumentSource.DocumentRef;
import io.postmortemsync.source.DocumentSource.EditRejected;
import io.postmortemsync.source.DocumentSource.PublishResult;
import io.postmortemsync.source.DocumentSource.UpdateResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryDocumentSourceTest {

    @TempDir
    Path root;

    private Path write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private DirectoryDocumentSource source(List<String> include, List<String> exclude) {
        return new DirectoryDocumentSource(root, include, exclude, "https://git.example.com/acme/pm/blob/main/{path}");
    }

    @Test
    void listsDocumentsRecursivelyIncludingTopLevelOnesSortedWithSlashes() throws Exception {
        write("top.md", "a");
        write("2025/04/payments.md", "b");
        write("2025/notes.txt", "c");
        write(".git/HEAD.md", "not a document");
        write("drafts/wip.md", "d");
        List<DocumentRef> refs =
                source(List.of("**/*.md"), List.of("drafts/**")).refresh();
        assertThat(refs).extracting(DocumentRef::path).containsExactly("2025/04/payments.md", "top.md");
    }

    @Test
    void anEmptyIncludeListMeansMarkdownFiles() throws Exception {
        write("a.md", "a");
        write("b.txt", "b");
        assertThat(source(List.of(), List.of()).refresh())
                .extracting(DocumentRef::path)
                .containsExactly("a.md");
    }

    @Test
    void globsSupportAlternativesAndSingleFolderStars() throws Exception {
        write("2024/a.md", "a");
        write("2025/b.markdown", "b");
        write("2025/deep/c.md", "c");
        assertThat(source(List.of("2025/*.{md,markdown}"), List.of()).refresh())
                .extracting(DocumentRef::path)
                .containsExactly("2025/b.markdown");
        assertThat(source(List.of("*/**/*.md"), List.of("**/deep/**")).refresh())
                .extracting(DocumentRef::path)
                .containsExactly("2024/a.md");
    }

    @Test
    void theVersionChangesWithSizeOrModificationTime() throws Exception {
        Path file = write("a.md", "one");
        DirectoryDocumentSource source = source(List.of(), List.of());
        String first = source.refresh().getFirst().version();
        assertThat(source.refresh().getFirst().version()).isEqualTo(first);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        String second = source.refresh().getFirst().version();
        assertThat(second).isNotEqualTo(first);
        Files.writeString(file, "three");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(source.refresh().getFirst().version()).isNotEqualTo(second);
    }

    @Test
    void aMissingFolderIsASourceError() {
        DirectoryDocumentSource source = new DirectoryDocumentSource(root.resolve("nope"), List.of(), List.of(), null);
        assertThatThrownBy(source::refresh).isInstanceOf(SourceException.class).hasMessageContaining("does not exist");
    }

    @Test
    void readsAndRefusesPathsOutsideTheFolder() throws Exception {
        write("a.md", "hello");
        DirectoryDocumentSource source = source(List.of(), List.of());
        assertThat(source.read("a.md")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> source.read("../etc/passwd"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Not a document path");
    }

    @Test
    void updateReplacesTheFileKeepingItsPermissionsAndLeavesNoTemporaryFile() throws Exception {
        Path file = write("2025/a.md", "status: todo\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        DirectoryDocumentSource source = source(List.of(), List.of());
        UpdateResult result =
                source.update("2025/a.md", bytes -> replace(bytes, "todo", "done"), List.of("OPS-1: todo -> done"));
        assertThat(result).isInstanceOf(UpdateResult.Written.class);
        assertThat(Files.readString(file)).isEqualTo("status: done\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("a.md");
        }
        assertThat(((UpdateResult.Written) result).version())
                .isEqualTo(source.refresh().getFirst().version());
    }

    @Test
    void anEditMadeMeanwhileIsNeverLostTheUpdateIsRedoneOnIt() throws Exception {
        Path file = write("a.md", "owner: @alice\nstatus: todo\n");
        DirectoryDocumentSource source = source(List.of(), List.of());
        AtomicInteger applications = new AtomicInteger();
        UpdateResult result = source.update(
                "a.md",
                bytes -> {
                    if (applications.incrementAndGet() == 1) {
                        // Someone saves the file after we read it and before we replace it.
                        try {
                            Files.writeString(file, "owner: @bob\nstatus: todo\n");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return replace(bytes, "todo", "done");
                },
                List.of());
        assertThat(result).isInstanceOf(UpdateResult.Written.class);
        assertThat(applications).hasValue(2);
        assertThat(Files.readString(file)).isEqualTo("owner: @bob\nstatus: done\n");
    }

    @Test
    void aFileThatNeverStopsChangingIsLeftAloneAfterBoundedAttempts() throws Exception {
        Path file = write("a.md", "n=0\n");
        DirectoryDocumentSource source = source(List.of(), List.of());
        AtomicInteger applications = new AtomicInteger();
        assertThatThrownBy(() -> source.update(
                        "a.md",
                        bytes -> {
                            try {
                                Files.writeString(file, "n=" + applications.incrementAndGet() + "\n");
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            return "ours\n".getBytes(StandardCharsets.UTF_8);
                        },
                        List.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("kept changing");
        assertThat(applications).hasValue(DirectoryDocumentSource.MAX_ATTEMPTS);
        assertThat(Files.readString(file)).isEqualTo("n=" + DirectoryDocumentSource.MAX_ATTEMPTS + "\n");
    }

    @Test
    void unchangedAndRejectedEditsWriteNothing() throws Exception {
        Path file = write("a.md", "x");
        FileTime before = Files.getLastModifiedTime(file);
        DirectoryDocumentSource source = source(List.of(), List.of());
        assertThat(source.update("a.md", bytes -> bytes, List.of())).isEqualTo(new UpdateResult.Unchanged("a.md"));
        assertThat(source.update(
                        "a.md",
                        bytes -> {
                            throw new EditRejected("the row was removed");
                        },
                        List.of()))
                .isEqualTo(new UpdateResult.Rejected("a.md", "the row was removed"));
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
        assertThat(source.publish()).isEqualTo(new PublishResult.NothingToPublish());
    }

    @Test
    void updatesThroughASymbolicLinkKeepTheLink() throws Exception {
        Path real = write("real/a.md", "todo");
        Path link = root.resolve("a.md");
        Files.createSymbolicLink(link, real);
        DirectoryDocumentSource source = source(List.of("*.md"), List.of());
        assertThat(source.refresh()).extracting(DocumentRef::path).containsExactly("a.md");
        source.update("a.md", bytes -> replace(bytes, "todo", "done"), List.of());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("done");
    }

    @Test
    void publishReportsTheDocumentsWrittenThisPass() throws Exception {
        write("a.md", "todo");
        write("b.md", "todo");
        DirectoryDocumentSource source = source(List.of(), List.of());
        source.update("a.md", bytes -> replace(bytes, "todo", "done"), List.of());
        source.update("b.md", bytes -> replace(bytes, "todo", "done"), List.of());
        assertThat(source.publish()).isEqualTo(new PublishResult.Published(null, 2));
        assertThat(source.publish()).isEqualTo(new PublishResult.NothingToPublish());
    }

    @Test
    void linksFillThePathEncodedAndDescriptionsNameTheFolder() {
        DirectoryDocumentSource source = source(List.of(), List.of());
        assertThat(source.linkFor("2019/PM2019-009 - IP starvation.md"))
                .contains("https://git.example.com/acme/pm/blob/main/2019/PM2019-009%20-%20IP%20starvation.md");
        assertThat(new DirectoryDocumentSource(root, List.of(), List.of(), null).linkFor("a.md"))
                .isEmpty();
        assertThat(source.describe())
                .isEqualTo("folder " + root.toAbsolutePath().normalize());
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        return new String(bytes, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
