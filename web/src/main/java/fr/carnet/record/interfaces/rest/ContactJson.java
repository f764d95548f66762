package fr.carnet.record.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How to reach the person; any may be absent. Checked by the domain's {@code Contact}. */
public class ContactJson {

  @Schema(example = "marie.dupont@example.org", maxLength = 254)
  public String email;

  @Schema(example = "+33 6 12 34 56 78")
  public String phone;

  /**
   * For a person with neither email nor phone: their letters (information message, access
   * notifications, history by post) go there.
   */
  @Schema(
      example = "Mme Marie DUPONT\n12 rue des Lilas\n75011 PARIS",
      description = "postal address, 2 to 5 lines of at most 38 characters",
      maxLength = 400)
  public String address;
}
