package fr.carnet.verifier;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a verification found: its findings (consecutive positions with the same missing trace or
 * early purge merged into one), and what was checked, in words, for the summary line.
 */
public final class Report {

  private final List<Finding> findings = new ArrayList<>();
  private final List<String> checked = new ArrayList<>();

  void add(Finding finding) {
    int last = findings.size() - 1;
    if (last >= 0 && findings.get(last).continuedBy(finding)) {
      findings.set(last, findings.get(last).mergedWith(finding));
    } else {
      findings.add(finding);
    }
  }

  void add(Problem problem, Long position, Long head, String detail) {
    add(new Finding(problem, position, head, detail));
  }

  /** A part of the summary: what was verified (or what could not be). */
  void checked(String what) {
    checked.add(what);
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** Whether everything verified. */
  public boolean verified() {
    return findings.isEmpty();
  }

  public boolean has(Problem problem) {
    return findings.stream().anyMatch(f -> f.problem() == problem);
  }

  /** The first finding of that problem, if any. */
  public Finding first(Problem problem) {
    return findings.stream().filter(f -> f.problem() == problem).findFirst().orElse(null);
  }

  /** How many findings of each problem. */
  public Map<Problem, Long> counts() {
    Map<Problem, Long> counts = new EnumMap<>(Problem.class);
    findings.forEach(f -> counts.merge(f.problem(), 1L, Long::sum));
    return counts;
  }

  /** The summary line: VERIFIED or FAILED, the problems by name, what was checked. */
  public String summary() {
    String what = String.join("; ", checked);
    if (verified()) {
      return "VERIFIED: " + what;
    }
    String problems =
        counts().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    return "FAILED: " + findings.size() + " problem(s) (" + problems + "); " + what;
  }

  /** Every finding's line, then the summary. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(findings.stream().map(Finding::line).toList());
    lines.add(summary());
    return lines;
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
