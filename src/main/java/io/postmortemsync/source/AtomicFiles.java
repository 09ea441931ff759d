package io.postmortemsync.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a document's bytes so that nobody ever sees half a document and nobody's edit is
 * overwritten: both sources (folder and git working tree) write through here.
 */
public final class AtomicFiles {

    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {}

    /**
     * Writes {@code next} to a hidden temporary file beside {@code file} (flushed to disk, with the
     * file's permissions and group), then renames it over the file atomically, unless the file no
     * longer holds {@code expected}. A crash leaves at most the temporary file, never a torn
     * document; git never commits it because only named paths are added.
     *
     * @return false when the file changed since {@code expected} was read (nothing written)
     */
    public static boolean replaceIfUnchanged(Path file, byte[] expected, byte[] next) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".pmsync-tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(next);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            copyPermissions(file, temp);
            // The window between this check and the rename is microseconds; an editor saving in
            // exactly that window is the one case left, and the next pass sees its content.
            if (!Arrays.equals(Files.readAllBytes(file), expected)) {
                return false;
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            target.setPermissions(source.readAttributes().permissions());
            try {
                target.setGroup(source.readAttributes().group());
            } catch (FileSystemException e) {
                log.debug(
                        "Cannot keep the group of {}: {}",
                        from,
                        e.getMessage()); // not a member of it: the default group stays
            }
        }
    }
}
