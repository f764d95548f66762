package fr.carnet.consent.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where the patient's restrictions of care access as a whole are kept: the document classes they
 * masked and the organisations (FINESS) they blocked. The access facts read them in their own
 * statement ({@code SqlRecordStandings}); this is for setting, lifting and listing them.
 */
public interface RestrictionRepository {

  /** The classes the patient masked, newest first. */
  List<ClassMask> classMasks(UUID recordId);

  /** Masks a class; returns false if it already was. */
  boolean maskClass(UUID recordId, String classCode, String by, Instant at);

  /** Unmasks a class; returns false if it was not masked. */
  boolean unmaskClass(UUID recordId, String classCode);

  /** The organisations the patient blocked, newest first. */
  List<OrganisationBlock> organisationBlocks(UUID recordId);

  /** Blocks an organisation; returns false if it already was. */
  boolean blockOrganisation(UUID recordId, String finess, String by, Instant at);

  /** Unblocks an organisation; returns false if it was not blocked. */
  boolean unblockOrganisation(UUID recordId, String finess);

  /** The document classes there are (reference data), which one may mask, by code. */
  List<String> maskableClasses();

  /** A masked class, with who set it (a patient-side account or an agent) and when. */
  record ClassMask(String classCode, Instant maskedAt, String maskedBy) {}

  /** A blocked organisation, with who set it and when. */
  record OrganisationBlock(String finess, Instant blockedAt, String blockedBy) {}
}
