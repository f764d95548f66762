package fr.carnet.record.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How to reach the person; either may be absent. Checked by the domain's {@code Contact}. */
public class ContactJson {

  @Schema(example = "marie.dupont@example.org", maxLength = 254)
  public String email;

  @Schema(example = "+33 6 12 34 56 78")
  public String phone;
}
