package fr.carnet.audit.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Witness lines v2: each carries the consistency proof from the head witnessed before it. */
class FileTreeWitnessTest {

  @TempDir Path dir;

  private FileTreeWitness witness() throws Exception {
    FileTreeWitness witness = new FileTreeWitness();
    var field = FileTreeWitness.class.getDeclaredField("configured");
    field.setAccessible(true);
    field.set(witness, Optional.of(dir.resolve("heads/tree-heads.jsonl").toString()));
    return witness;
  }

  private static TraceTree.SignedHead head(MerkleTree.NodeSource nodes, long size) {
    return new TraceTree.SignedHead(
        size,
        MerkleTree.root(nodes, size),
        Instant.parse("2026-12-01T10:00:00.123Z").plusSeconds(size),
        new byte[64],
        "key");
  }

  @Test
  void consecutiveLinesReadBackAndProveThatTheTreeOnlyGrew() throws Exception {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      leaves.add(MessageDigest.getInstance("SHA-256").digest(("leaf " + i).getBytes()));
    }
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(leaves);
    FileTreeWitness witness = witness();
    assertThat(witness.lastHead()).isEmpty();
    long[] sizes = {3, 4, 17, 32, 50};
    Long from = null;
    for (long size : sizes) {
      // As TreeService.publishHead does: from the witness's own last head.
      from = witness.lastHead().map(TraceTree.SignedHead::size).orElse(null);
      witness.append(
          head(nodes, size),
          from,
          from == null ? List.of() : MerkleTree.consistencyProof(nodes, from, size));
    }
    List<FileTreeWitness.Line> lines = witness.read();
    assertThat(lines).hasSize(sizes.length);
    assertThat(lines.get(0).from()).isNull();
    assertThat(lines.get(0).consistency()).isEmpty();
    assertThat(Files.readAllLines(witness.file()).get(0)).doesNotContain("from");
    for (int i = 1; i < lines.size(); i++) {
      FileTreeWitness.Line previous = lines.get(i - 1);
      FileTreeWitness.Line line = lines.get(i);
      assertThat(line.unreadable()).isNull();
      assertThat(line.from()).isEqualTo(previous.head().size());
      assertThat(
              MerkleTree.verifyConsistency(
                  line.from(),
                  line.head().size(),
                  previous.head().root(),
                  line.head().root(),
                  line.consistency()))
          .as("line %d", line.number())
          .isTrue();
    }
    assertThat(witness.lastHead().orElseThrow().size()).isEqualTo(50);
    // A proof against another tree's root does not verify: the check above could fail.
    FileTreeWitness.Line last = lines.get(lines.size() - 1);
    assertThat(
            MerkleTree.verifyConsistency(
                last.from(),
                last.head().size(),
                lines.get(0).head().root(),
                last.head().root(),
                last.consistency()))
        .isFalse();
  }

  @Test
  void aTornLastLineGivesNoLastHeadAndIsReadAsUnreadable() throws Exception {
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(List.of(new byte[32], new byte[32]));
    FileTreeWitness witness = witness();
    witness.append(head(nodes, 2));
    Files.writeString(
        witness.file(), "{\"size\":3,\"ro", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(witness.lastHead()).isEmpty();
    assertThat(witness.read().get(1).unreadable()).isNotNull();
    assertThat(witness.read().get(0).head().size()).isEqualTo(2);
  }
}
