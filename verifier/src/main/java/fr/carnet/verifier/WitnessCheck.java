package fr.carnet.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The heads file checked alone: every line readable and signed by the key, the sizes never
 * shrinking, one root per size, and each line after the first proven an extension of the one before
 * it by its consistency proof. What it answers, the heads that verified, is what exports are then
 * checked against.
 */
final class WitnessCheck {

  /** The heads that verified, by size (the first line of each size). */
  private final NavigableMap<Long, SignedHead> bySize = new TreeMap<>();

  /** Every line that verified, in the file's order: a size witnessed again keeps both times. */
  private final List<SignedHead> everyLine = new ArrayList<>();

  private int lines;

  private WitnessCheck() {}

  static WitnessCheck of(Path file, PublicKey key, Report report) throws IOException {
    WitnessCheck witness = new WitnessCheck();
    String keyId = HeadStatement.keyId(key);
    SignedHead previous = null;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        witness.lines++;
        SignedHead head;
        try {
          head = SignedHead.of(number, JsonFields.object(text));
        } catch (RuntimeException e) {
          report.add(
              Problem.WITNESS_INVALID,
              null,
              null,
              "line " + number + ": not a tree head: " + e.getMessage());
          continue;
        }
        witness.check(head, previous, key, keyId, report);
        previous = head;
      }
    }
    return witness;
  }

  private void check(
      SignedHead head, SignedHead previous, PublicKey key, String keyId, Report report) {
    String unsigned = head.signatureProblem(key, keyId);
    if (unsigned != null) {
      report.add(Problem.WITNESS_INVALID, null, head.size(), head.where() + ": " + unsigned);
    } else if (head.size() == 0 && !MessageDigest.isEqual(head.root(), Rfc9162.emptyRoot())) {
      report.add(
          Problem.WITNESS_INVALID,
          null,
          0L,
          head.where() + ": the empty tree's root is not SHA-256()");
    } else {
      SignedHead same = bySize.putIfAbsent(head.size(), head);
      if (same == null || MessageDigest.isEqual(same.root(), head.root())) {
        everyLine.add(head);
      }
      if (same != null && !MessageDigest.isEqual(same.root(), head.root())) {
        report.add(
            Problem.WITNESS_INVALID,
            null,
            head.size(),
            head.where()
                + ": size "
                + head.size()
                + " witnessed with two roots ("
                + same.where()
                + " says "
                + JsonFields.shortHex(same.root())
                + ", this one "
                + JsonFields.shortHex(head.root())
                + ")");
      }
    }
    consistency(head, previous, report);
  }

  /**
   * The line's proof that the tree it signs extends the one of the line before (whose signature is
   * checked on its own line: a forged line is reported there).
   */
  private static void consistency(SignedHead head, SignedHead previous, Report report) {
    if (previous == null) {
      return; // the first head: nothing before it to be consistent with
    }
    if (head.size() < previous.size()) {
      report.add(
          Problem.WITNESS_INCONSISTENT,
          null,
          head.size(),
          head.where()
              + ": the size shrank from "
              + previous.size()
              + " ("
              + previous.where()
              + ") to "
              + head.size());
      return;
    }
    if (head.from() == null || head.consistency() == null) {
      report.add(
          Problem.WITNESS_INCONSISTENT,
          null,
          head.size(),
          head.where()
              + ": no consistency proof from the previous head (size "
              + previous.size()
              + ", "
              + previous.where()
              + ")");
      return;
    }
    if (head.from() != previous.size()) {
      report.add(
          Problem.WITNESS_INCONSISTENT,
          null,
          head.size(),
          head.where()
              + ": its proof starts from size "
              + head.from()
              + ", but the previous head is of size "
              + previous.size()
              + " ("
              + previous.where()
              + ")");
      return;
    }
    if (!Rfc9162.verifyConsistency(
        previous.size(), head.size(), previous.root(), head.root(), head.consistency())) {
      report.add(
          Problem.WITNESS_INCONSISTENT,
          null,
          head.size(),
          head.where()
              + ": the consistency proof from size "
              + previous.size()
              + " ("
              + previous.where()
              + ") does not verify: the tree of "
              + head.size()
              + " does not extend it");
    }
  }

  /** The heads that verified, smallest size first. */
  List<SignedHead> heads() {
    return Collections.unmodifiableList(new ArrayList<>(bySize.values()));
  }

  /**
   * Every verified line, a size witnessed twice included: what was witnessed by a time is any line
   * signed by then (the first line of a size may be the later one).
   */
  List<SignedHead> everyLine() {
    return Collections.unmodifiableList(everyLine);
  }

  SignedHead at(long size) {
    return bySize.get(size);
  }

  /** The smallest witnessed size larger than {@code position}: the head that first covered it. */
  Long coveringSize(long position) {
    return bySize.higherKey(position);
  }

  long largestSize() {
    return bySize.isEmpty() ? 0 : bySize.lastKey();
  }

  int lines() {
    return lines;
  }

  String summary() {
    if (bySize.isEmpty()) {
      return "heads file: " + lines + " line(s), no head verified";
    }
    return "heads file: "
        + lines
        + " line(s), "
        + bySize.size()
        + " witnessed size(s) from "
        + bySize.firstKey()
        + " to "
        + bySize.lastKey();
  }
}
