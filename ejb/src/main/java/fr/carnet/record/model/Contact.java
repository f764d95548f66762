package fr.carnet.record.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.regex.Pattern;

/** How to reach the person: the channel for the information letter and notifications. */
@Embeddable
public class Contact {

  private static final int MAX_EMAIL = 254;
  // Deliberately loose: the letter or message bounces if the address is wrong, no more.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int MAX_ADDRESS_LINES = 5;
  private static final int MAX_ADDRESS_WIDTH = 38;
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .-]{5,19}");

  @Column(name = "contact_email")
  private String email;

  @Column(name = "contact_phone")
  private String phone;

  /** The postal address, lines separated by {@code \n}: for a person with neither of the others. */
  @Column(name = "contact_address")
  private String address;

  protected Contact() {
    // for JPA
  }

  public Contact(String email, String phone) {
    this(email, phone, null);
  }

  /**
   * @param address the postal address as printed on the envelope: 2 to 5 lines of at most 38
   *     characters (the postal standard's width), the last the postal code and the town
   */
  public Contact(String email, String phone, String address) {
    if (email != null
        && (email.length() > MAX_EMAIL
            || !EMAIL.matcher(email).matches()
            || !isOneMailbox(email))) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "contact.email is not an address");
    }
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "contact.phone is not a number");
    }
    this.email = email;
    this.phone = phone;
    this.address = address == null ? null : postal(address);
  }

  /**
   * Whether the mail library that sends to it reads {@code email}, strictly, as one mailbox and
   * nothing else: exactly the address typed, no list, no group, no name before it. The pattern
   * alone let through a list ("ops,patient@example.org": a copy of every message to a mailbox the
   * patient does not see in the address), a group, or an unbalanced quote that the library then
   * refused at each delivery. The mail channel asks the same before it sends.
   */
  public static boolean isOneMailbox(String email) {
    try {
      InternetAddress parsed = new InternetAddress(email, true);
      return !parsed.isGroup() && parsed.getPersonal() == null && email.equals(parsed.getAddress());
    } catch (AddressException e) {
      return false;
    }
  }

  // Printed as given: bounded in lines and width, no control character but the line breaks.
  private static String postal(String address) {
    String[] lines = address.strip().split("\\R");
    if (lines.length < 2 || lines.length > MAX_ADDRESS_LINES) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "contact.address has 2 to 5 lines");
    }
    StringBuilder normalised = new StringBuilder();
    for (String line : lines) {
      String text = line.strip();
      if (text.isEmpty()
          || text.length() > MAX_ADDRESS_WIDTH
          || text.chars().anyMatch(Character::isISOControl)) {
        throw new CarnetException(
            ErrorCode.VALIDATION_FAILED, "contact.address lines are 1 to 38 printable characters");
      }
      normalised.append(normalised.length() == 0 ? "" : "\n").append(text);
    }
    return normalised.toString();
  }

  public String email() {
    return email;
  }

  public String phone() {
    return phone;
  }

  /** Whether anything can reach the person: an email, a phone, or else a letter by post. */
  public boolean reachable() {
    return email != null || phone != null || address != null;
  }

  /** The postal address, lines separated by {@code \n}, or null. */
  public String address() {
    return address;
  }
}
