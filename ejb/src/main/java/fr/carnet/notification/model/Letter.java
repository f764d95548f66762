package fr.carnet.notification.model;

import java.util.List;
import java.util.UUID;

/**
 * A letter by post, as it will be printed: to whom, what it says. Nothing else about the person is
 * in it (no NIR, no INS, nothing clinical); its {@link #id} names its file in the print-shop
 * folder.
 *
 * @param address the envelope's lines, from the record's contact
 * @param dated the letter's date, in words ("le 02/12/2026")
 * @param paragraphs what it tells, the provisional code among them (printed once)
 * @param history the access history's lines, for a history asked for by post; empty otherwise
 */
public record Letter(
    UUID id,
    UUID recordId,
    List<String> address,
    String dated,
    String subject,
    List<String> paragraphs,
    List<String> history) {

  public Letter {
    address = List.copyOf(address);
    paragraphs = List.copyOf(paragraphs);
    history = List.copyOf(history);
  }
}
