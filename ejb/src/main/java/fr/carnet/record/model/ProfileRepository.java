package fr.carnet.record.model;

import fr.carnet.access.Visibility;
import fr.carnet.shared.ClinicalRead;
import java.util.List;
import java.util.UUID;

/** Where profile entries are kept. */
public interface ProfileRepository {

  /**
   * A record's entries, newest first, restricted to what the policy made visible: the classes that
   * govern their kinds, and the author's own entries; never, for a representative, a minor's secret
   * entry.
   */
  @ClinicalRead
  List<ProfileEntry> entries(UUID recordId, Visibility visibility);

  void store(ProfileEntry entry);
}
