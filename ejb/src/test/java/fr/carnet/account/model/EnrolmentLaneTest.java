package fr.carnet.account.model;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.account.model.Enrolments.Lane;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnrolmentLaneTest {

  /** Each case: a file's lines, the lanes asked, the chunk, and the ranges expected. */
  @ParameterizedTest(name = "{0} lines, {1} lanes, chunks of {2}: {3}")
  @CsvSource(
      delimiter = ';',
      value = {
        // A file of one chunk or less is one lane, as before lanes.
        "0;2;2000;1-0",
        "1;2;2000;1-1",
        "2000;2;2000;1-2000",
        // Two chunks' worth: two lanes of equal size, the last one shorter.
        "2001;2;2000;1-1001 1002-2001",
        "100001;2;2000;1-50001 50002-100001",
        // Never more lanes than chunks, nor an empty lane.
        "4500;8;2000;1-1500 1501-3000 3001-4500",
        "9;4;1;1-3 4-6 7-9",
        "10;4;1;1-3 4-6 7-9 10-10",
        // One lane asked: the whole file.
        "100000;1;2000;1-100000",
      })
  void aFileIsCutIntoConsecutiveRangesCoveringEachLineOnce(
      long total, int lanes, int chunk, String expected) {
    List<Lane> cut = Lane.cut(total, lanes, chunk);
    assertThat(
            String.join(
                " ", cut.stream().map(lane -> lane.firstLine() + "-" + lane.lastLine()).toList()))
        .isEqualTo(expected);
    long next = 1;
    for (int i = 0; i < cut.size(); i++) {
      assertThat(cut.get(i).lane()).isEqualTo(i);
      assertThat(cut.get(i).firstLine()).as("consecutive").isEqualTo(next);
      assertThat(cut.get(i).nextLine()).as("starts at its first line").isEqualTo(next);
      next = cut.get(i).lastLine() + 1;
    }
    assertThat(next - 1).as("every line, once").isEqualTo(total);
  }
}
