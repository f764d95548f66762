package fr.carnet.record.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** How to reach the person: the channel for the information letter and notifications. */
@Embeddable
public class Contact {

  @Column(name = "contact_email")
  private String email;

  @Column(name = "contact_phone")
  private String phone;

  protected Contact() {
    // for JPA
  }

  public Contact(String email, String phone) {
    this.email = email;
    this.phone = phone;
  }

  public String email() {
    return email;
  }

  public String phone() {
    return phone;
  }
}
