package fr.carnet.audit.application;

import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.audit.model.TraceRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An export decided and traced by {@link AuditService}, written as CSV page by page. Cells that a
 * spreadsheet would run as formulas are quoted with a leading apostrophe.
 */
public final class TraceExport {

  static final String HEADER =
      "id,at,actor_role,actor_id,actor_rpps,actor_profession,actor_finess,record_id,document_id,"
          + "action,mode,outcome,reason,detail,request_id";
  private static final int PAGE = 1000;

  private final TraceRepository traces;
  private final TraceQuery query;

  TraceExport(TraceRepository traces, TraceQuery query) {
    this.traces = traces;
    this.query = query;
  }

  public void writeTo(OutputStream output) throws IOException {
    Writer csv = new OutputStreamWriter(output, StandardCharsets.UTF_8);
    csv.write(HEADER);
    csv.write("\r\n");
    Long before = query.before();
    while (true) {
      List<Trace> page =
          traces.search(
              new TraceQuery(
                  query.record(),
                  query.actor(),
                  query.from(),
                  query.to(),
                  query.mode(),
                  query.outcome(),
                  query.action(),
                  before,
                  PAGE));
      for (Trace t : page) {
        line(
            csv,
            String.valueOf(t.id()),
            t.at().toString(),
            t.actorRole(),
            t.actorId(),
            t.actorRpps(),
            t.actorProfession(),
            t.actorFiness(),
            t.recordId() == null ? null : t.recordId().toString(),
            t.documentId() == null ? null : t.documentId().toString(),
            t.action(),
            t.mode(),
            t.outcome(),
            t.reason(),
            t.detail(),
            t.requestId());
      }
      csv.flush();
      if (page.size() < PAGE) {
        return;
      }
      before = page.get(page.size() - 1).id();
    }
  }

  private static void line(Writer csv, String... cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        csv.write(',');
      }
      csv.write(cell(cells[i]));
    }
    csv.write("\r\n");
  }

  /**
   * RFC 4180 quoting, and nothing a spreadsheet would evaluate: a formula's first character ({@code
   * = + - @}, tab, CR) at the start of the cell, or after any character a spreadsheet may split on
   * when it guesses the separator (comma, semicolon as French spreadsheets do, tab, line breaks),
   * is preceded by an apostrophe, which makes it text.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = neutralised(value);
    boolean quote =
        safe.indexOf(',') >= 0
            || safe.indexOf('"') >= 0
            || safe.indexOf('\n') >= 0
            || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  private static final String FORMULA_STARTS = "=+-@\t\r";
  private static final String SEPARATORS = ",;\t\r\n|";

  private static String neutralised(String value) {
    StringBuilder safe = new StringBuilder(value.length() + 2);
    boolean cellStart = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (cellStart && FORMULA_STARTS.indexOf(c) >= 0) {
        safe.append('\'');
      }
      safe.append(c);
      cellStart = SEPARATORS.indexOf(c) >= 0;
    }
    return safe.toString();
  }
}
