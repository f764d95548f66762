package fr.carnet.record.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.regex.Pattern;

/** How to reach the person: the channel for the information letter and notifications. */
@Embeddable
public class Contact {

  private static final int MAX_EMAIL = 254;
  // Deliberately loose: the letter or message bounces if the address is wrong, no more.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .-]{5,19}");

  @Column(name = "contact_email")
  private String email;

  @Column(name = "contact_phone")
  private String phone;

  protected Contact() {
    // for JPA
  }

  public Contact(String email, String phone) {
    if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "contact.email is not an address");
    }
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "contact.phone is not a number");
    }
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
