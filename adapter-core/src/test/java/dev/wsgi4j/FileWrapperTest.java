package dev.wsgi4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FileWrapperTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path path = dir.resolve("f.txt");
        Files.writeString(path, content, StandardCharsets.ISO_8859_1);
        return path;
    }

    private static List<String> blocks(Iterable<byte[]> body) {
        List<String> out = new ArrayList<>();
        body.forEach(b -> out.add(new String(b, StandardCharsets.ISO_8859_1)));
        return out;
    }

    @Test
    void ofPathWrapsTheWholeFileInDefaultBlocks() throws IOException {
        try (FileWrapper w = FileWrapper.of(file(ALPHABET))) {
            assertThat(w.position()).isZero();
            assertThat(w.count()).isEqualTo(26);
            assertThat(w.blockSize()).isEqualTo(FileWrapper.DEFAULT_BLOCK_SIZE);
            assertThat(w.channel()).isPresent();
            assertThat(blocks(w)).containsExactly(ALPHABET);
        }
    }

    @Test
    void aChannelRegionIsIteratedFromItsPositionForItsCountInBlocks() throws IOException {
        FileChannel ch = FileChannel.open(file(ALPHABET), StandardOpenOption.READ);
        try (FileWrapper w = FileWrapper.of(ch, 3, 10, 4)) {
            assertThat(blocks(w)).containsExactly("defg", "hijk", "lm");
            assertThat(ch.position()).as("positional reads leave the channel where it was").isZero();
        }
    }

    @Test
    void aRegionRunningPastTheEndOfTheFileStopsAtTheEnd() throws IOException {
        FileChannel ch = FileChannel.open(file(ALPHABET), StandardOpenOption.READ);
        try (FileWrapper w = FileWrapper.of(ch, 20, 100, 4)) {
            assertThat(blocks(w)).containsExactly("uvwx", "yz");
        }
    }

    @Test
    void anEmptyRegionYieldsNothing() throws IOException {
        FileChannel ch = FileChannel.open(file(ALPHABET), StandardOpenOption.READ);
        try (FileWrapper w = FileWrapper.of(ch, 5, 0, 4)) {
            assertThat(w.iterator().hasNext()).isFalse();
        }
    }

    @Test
    void refusesNegativePositionCountAndNonPositiveBlockSize() throws IOException {
        FileChannel ch = FileChannel.open(file(ALPHABET), StandardOpenOption.READ);
        try (ch) {
            assertThatIllegalArgumentException().isThrownBy(() -> FileWrapper.of(ch, -1, 1, 4));
            assertThatIllegalArgumentException().isThrownBy(() -> FileWrapper.of(ch, 0, -1, 4));
            assertThatIllegalArgumentException().isThrownBy(() -> FileWrapper.of(ch, 0, 1, 0));
            assertThatIllegalArgumentException().isThrownBy(() -> FileWrapper.of(new ByteArrayInputStream(new byte[0]), -5));
        }
    }

    @Test
    void aPlainStreamFallsBackToBlockReadsWithUnknownCount() throws IOException {
        FileWrapper w = FileWrapper.wrap(new ByteArrayInputStream(ALPHABET.getBytes(StandardCharsets.ISO_8859_1)), 10);

        assertThat(w.channel()).isEmpty();
        assertThat(w.count()).isEqualTo(-1);
        assertThat(blocks(w)).containsExactly("abcdefghij", "klmnopqrst", "uvwxyz");
    }

    @Test
    void wrappingAFileInputStreamAfterASeekStartsAtTheCurrentPosition() throws IOException {
        FileInputStream in = new FileInputStream(file(ALPHABET).toFile());
        assertThat(in.skip(10)).isEqualTo(10);

        try (FileWrapper w = FileWrapper.wrap(in, 8)) {
            assertThat(w.channel()).isPresent();
            assertThat(w.position()).isEqualTo(10);
            assertThat(w.count()).isEqualTo(16);
            assertThat(blocks(w)).containsExactly("klmnopqr", "stuvwxyz");
        }
        assertThat(in.getChannel().isOpen()).as("closing the wrapper closes the file").isFalse();
    }

    @Test
    void wrappingAFileInputStreamAtItsEndGivesAnEmptyRegion() throws IOException {
        FileInputStream in = new FileInputStream(file(ALPHABET).toFile());
        in.skip(26);

        try (FileWrapper w = FileWrapper.wrap(in, 8)) {
            assertThat(w.count()).isZero();
            assertThat(blocks(w)).isEmpty();
        }
    }

    @Test
    void theDefaultFactoryUsesTheDefaultBlockSize() throws IOException {
        FileWrapper.Factory factory = FileWrapper::wrap;
        FileWrapper w = factory.wrap(new ByteArrayInputStream(new byte[3]));

        assertThat(w.blockSize()).isEqualTo(FileWrapper.DEFAULT_BLOCK_SIZE);
    }

    @Test
    void canBeIteratedOnlyOnce() throws IOException {
        FileWrapper channelBacked = FileWrapper.of(file(ALPHABET));
        FileWrapper streamBacked = FileWrapper.of(new ByteArrayInputStream(new byte[3]), 2);
        try (channelBacked; streamBacked) {
            channelBacked.iterator();
            streamBacked.iterator();

            assertThatIllegalStateException().isThrownBy(channelBacked::iterator);
            assertThatIllegalStateException().isThrownBy(streamBacked::iterator);
        }
    }

    @Test
    void closeClosesTheChannelOrTheStream() throws IOException {
        FileChannel ch = FileChannel.open(file(ALPHABET), StandardOpenOption.READ);
        int[] streamCloses = {0};
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[1]) {
            @Override
            public void close() {
                streamCloses[0]++;
            }
        };

        FileWrapper.of(ch, 0, 1, 1).close();
        FileWrapper.of(stream, 1).close();

        assertThat(ch.isOpen()).isFalse();
        assertThat(streamCloses[0]).isEqualTo(1);
    }

    @Test
    void aReadFailureSurfacesAsAnUncheckedIoException() {
        FileWrapper w = FileWrapper.of(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        }, 4);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.iterator().hasNext())
                .isInstanceOf(java.io.UncheckedIOException.class).hasRootCauseMessage("disk gone");
    }

    @Test
    void iteratingALargeFileReproducesItExactly() throws IOException {
        byte[] content = new byte[200_003];
        new java.util.Random(7).nextBytes(content);
        Path path = dir.resolve("big.bin");
        Files.write(path, content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (FileWrapper w = FileWrapper.of(path)) {
            w.forEach(out::writeBytes);
        }

        assertThat(out.toByteArray()).isEqualTo(content);
    }
}
