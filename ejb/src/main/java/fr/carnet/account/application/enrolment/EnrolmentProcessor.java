package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.model.Contact;
import fr.carnet.shared.CarnetException;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Checks a line with the same domain rules as a single enrolment (INS key, traits, contact); a bad
 * line becomes a rejection with its line number and reason and never stops the file.
 *
 * <p>The format ({@code insNumber,insOid,birthName,firstNames,birthDate,sex,birthPlace,email,
 * phone}) has no quoting: none of its values may hold a comma (traits refuse them), so a line is
 * its nine fields split on commas, and a field count other than nine is a bad line.
 */
@Named("enrolmentProcessor")
@Dependent
public class EnrolmentProcessor implements ItemProcessor {

  private static final int FIELDS = 9;

  @Override
  public Object processItem(Object item) {
    EnrolmentLine line = (EnrolmentLine) item;
    String text = line.text().strip();
    if (text.isEmpty() || text.startsWith("insNumber")) {
      // A header or a blank line: nothing to enrol, nothing wrong.
      return null;
    }
    String[] fields = text.split(",", -1);
    if (fields.length != FIELDS) {
      return rejected(line, "VALIDATION_FAILED", fields.length + " fields instead of " + FIELDS);
    }
    try {
      Ins ins = Ins.of(fields[0].strip(), fields[1].strip());
      Traits traits =
          new Traits(
              fields[2].strip(),
              fields[3].strip(),
              LocalDate.parse(fields[4].strip()),
              fr.carnet.identity.model.Sex.valueOf(fields[5].strip()),
              fields[6].strip());
      Contact contact = new Contact(blankToNull(fields[7]), blankToNull(fields[8]));
      return new EnrolmentItem(
          new Enrolments.Person(
              line.number(),
              UUID.randomUUID(),
              ins.number(),
              ins.kind().name(),
              traits.birthName(),
              traits.firstNames(),
              traits.birthDate(),
              traits.sex().name(),
              traits.birthPlace(),
              contact.email(),
              contact.phone()),
          null);
    } catch (CarnetException e) {
      return rejected(line, e.code().name(), e.getMessage());
    } catch (DateTimeParseException e) {
      return rejected(line, "TRAITS_INVALID", "birthDate is not a date (YYYY-MM-DD)");
    } catch (IllegalArgumentException e) {
      return rejected(line, "TRAITS_INVALID", "sex is M or F");
    }
  }

  private static EnrolmentItem rejected(EnrolmentLine line, String code, String reason) {
    return new EnrolmentItem(null, new Enrolments.Rejection(line.number(), code, reason));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
