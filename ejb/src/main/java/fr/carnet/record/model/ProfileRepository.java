package fr.carnet.record.model;

import java.util.List;
import java.util.UUID;

/** Where profile entries are kept. */
public interface ProfileRepository {

  /** A record's entries, newest first, only one author's when {@code onlyAuthorRpps} is set. */
  List<ProfileEntry> entries(UUID recordId, String onlyAuthorRpps);

  void store(ProfileEntry entry);
}
