package fr.carnet.record.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where data held elsewhere can be found: an imaging study stays in the hospital's archive, and the
 * record holds its address and study identifier.
 *
 * @param url the archive's address for the study (https)
 * @param studyUid the DICOM Study Instance UID, if the data is a study
 */
public record ExternalReference(String url, String studyUid) {

  private static final int MAX_URL = 2000;
  private static final int MAX_UID = 128;

  public ExternalReference {
    if (url == null || url.length() > MAX_URL || !isHttps(url)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "reference.url must be an absolute https URL");
    }
    if (studyUid != null && (studyUid.length() > MAX_UID || !studyUid.matches("[0-9.]+"))) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "reference.studyUid must be a DICOM UID (digits and dots)");
    }
  }

  private static boolean isHttps(String url) {
    try {
      URI uri = new URI(url);
      return "https".equals(uri.getScheme()) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
