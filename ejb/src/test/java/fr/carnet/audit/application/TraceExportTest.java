package fr.carnet.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export's cells as a spreadsheet would read them: nothing it could evaluate, wherever a
 * separator it may guess (comma, semicolon, tab, line break) puts the start of a cell.
 */
class TraceExportTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          plain text                       | plain text
          =HYPERLINK("x")                  | `"'=HYPERLINK(""x"")"`
          +33                              | '+33
          -2+3                             | '-2+3
          @SUM(A1)                         | '@SUM(A1)
          motif;=HYPERLINK("http://x")     | `"motif;'=HYPERLINK(""http://x"")"`
          a;+1;b;-2;c;@x                   | a;'+1;b;'-2;c;'@x
          a,=1                             | `"a,'=1"`
          mid=dle and a-b                  | mid=dle and a-b
          """)
  void noCellIsAFormula(String value, String expected) {
    assertThat(TraceExport.cell(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          `a\tb`
          `x\t=1`
          """)
  void tabsAndTheirFollowersAreText(String value) {
    String cell = TraceExport.cell(value.replace("\\t", "\t"));
    assertThat(cell).doesNotContain("\t=");
  }
}
