package fr.carnet.record.application;

import fr.carnet.record.model.RecordState;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A person found by name and birth date, as a call-centre agent may see them: identity traits and
 * the account's state, never the INS nor anything of the record's content.
 */
public record PersonMatch(
    UUID recordId,
    String birthName,
    String firstNames,
    LocalDate birthDate,
    String sex,
    String birthPlace,
    RecordState state) {}
