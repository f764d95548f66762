package fr.carnet.record.interfaces.rest;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** From the wire shapes of an INS and its traits to the domain's valid-by-construction values. */
public final class IdentityMapping {

  private IdentityMapping() {}

  public static Ins ins(InsJson json) {
    return Ins.of(json.number, json.oid);
  }

  public static Traits traits(TraitsJson json) {
    return new Traits(
        json.birthName, json.firstNames, date(json.birthDate), sex(json.sex), json.birthPlace);
  }

  private static LocalDate date(String text) {
    try {
      // ISO dates are resolved strictly: 1985-02-30 is refused, not rolled over.
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CarnetException(
          ErrorCode.TRAITS_INVALID, "birthDate must be a real date, YYYY-MM-DD");
    }
  }

  private static Sex sex(String text) {
    try {
      return Sex.valueOf(text.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new CarnetException(ErrorCode.TRAITS_INVALID, "sex must be M or F");
    }
  }
}
