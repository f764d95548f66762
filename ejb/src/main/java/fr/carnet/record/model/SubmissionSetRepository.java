package fr.carnet.record.model;

import fr.carnet.access.Visibility;
import fr.carnet.shared.ClinicalRead;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where submission sets are kept, with their entries. */
public interface SubmissionSetRepository {

  /**
   * Keeps a new set and its entries, in the caller's transaction; false when the source used its
   * unique id already (then nothing was written).
   */
  boolean save(SubmissionSet set);

  /**
   * The set a source filed under a unique id, by id and entries only: what a repeated submission is
   * compared with, by the source that made it.
   */
  Optional<SubmissionSet> filedBy(String source, String uniqueId);

  /** The record a set belongs to: nothing about its documents. */
  Optional<UUID> recordOf(UUID setId);

  /**
   * One set, its entries restricted to what the visibility shows; empty when none of its documents
   * is visible, so that such a set does not exist for the caller.
   */
  @ClinicalRead
  Optional<SubmissionSet> find(UUID setId, Visibility visibility);

  /** A page of a record's sets with a visible document, each with only its visible entries. */
  @ClinicalRead
  List<SubmissionSet> search(UUID recordId, SubmissionSetQuery query, Visibility visibility);
}
