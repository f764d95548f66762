package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

/**
 * Reads its lane of the file line by line, from Carnet's own restart point, the line after the
 * lane's last committed chunk, to the lane's last line. (The batch runtime's checkpoint is not
 * needed: ours commits with the chunk's records.)
 */
@Named("enrolmentReader")
@Dependent
public class EnrolmentReader extends AbstractItemReader {

  @Inject
  @BatchProperty(name = "enrolment")
  private String enrolment;

  @Inject
  @BatchProperty(name = "lane")
  private String lane;

  @Inject private Enrolments enrolments;

  private BufferedReader reader;
  private long lineNumber;
  private long lastLine;

  @Override
  public void open(Serializable checkpoint) throws Exception {
    UUID id = UUID.fromString(enrolment);
    Enrolments.Progress progress = enrolments.find(id).orElseThrow();
    Enrolments.Lane range = enrolments.lanes(id).get(Integer.parseInt(lane));
    lastLine = range.lastLine();
    reader = Files.newBufferedReader(progress.file(), StandardCharsets.UTF_8);
    for (lineNumber = 0; lineNumber < range.nextLine() - 1; lineNumber++) {
      if (reader.readLine() == null) {
        break;
      }
    }
  }

  @Override
  public Object readItem() throws Exception {
    if (lineNumber >= lastLine) {
      return null;
    }
    String text = reader.readLine();
    if (text == null) {
      return null;
    }
    lineNumber++;
    return new EnrolmentLine(lineNumber, text);
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      reader.close();
    }
  }
}
