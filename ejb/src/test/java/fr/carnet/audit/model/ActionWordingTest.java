package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.notification.model.NotificationKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one table of words: every action, every notification kind, worded and told apart. */
class ActionWordingTest {

  @ParameterizedTest
  @EnumSource(TraceAction.class)
  void everyActionHasItsWordsForThePatientAndForTheDesk(TraceAction action) {
    assertThat(ActionWording.patient(action)).isNotBlank().matches("[a-zs].*").doesNotContain("_");
    assertThat(ActionWording.desk(action)).isNotBlank().doesNotContain("_");
    Trace trace = trace(action.name(), "AGENT", "agent.durand", null);
    assertThat(ActionWording.summary(trace))
        .doesNotContain("a agi sur votre dossier")
        .startsWith("Un conseiller de l'Assurance Maladie (agent.durand) ");
    assertThat(ActionWording.event(trace)).doesNotContain(action.name());
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void everyNotificationKindHasItsLabel(NotificationKind kind) {
    assertThat(ActionWording.notification(kind)).isNotBlank().doesNotContain("_");
  }

  @Test
  void noTwoActionsSayTheSameThing() {
    Set<String> patient = new HashSet<>();
    Set<String> desk = new HashSet<>();
    Arrays.stream(TraceAction.values())
        .forEach(
            action -> {
              assertThat(patient.add(ActionWording.patient(action))).as(action.name()).isTrue();
              assertThat(desk.add(ActionWording.desk(action))).as(action.name()).isTrue();
            });
  }

  @Test
  void aGrantIsWordedByItsModeAndWhoGaveIt() {
    assertThat(ActionWording.summary(trace("GRANT_CREATE", "PROFESSIONAL", "p", "BREAK_GLASS")))
        .isEqualTo("Médecin (RPPS 10101010101) a ouvert votre dossier en urgence (bris de glace)");
    assertThat(ActionWording.summary(trace("GRANT_CREATE", "PATIENT", "s", null)))
        .isEqualTo("Vous ou votre représentant légal a donné un accord durable à un professionnel");
    assertThat(ActionWording.summary(trace("GRANT_CREATE", "PROFESSIONAL", "p", null)))
        .endsWith("a demandé un accès");
  }

  @Test
  void aLetterIsSaidToBeCarnetsAndAnUnknownActionIsStillSaidPlainly() {
    assertThat(ActionWording.summary(trace("LETTER_PRODUCED", "ADMIN", "system:letters", null)))
        .isEqualTo("Carnet a imprimé un courrier à votre adresse postale");
    assertThat(ActionWording.event(trace("LETTER_PRODUCED", "ADMIN", "system:letters", null)))
        .isEqualTo("Courrier imprimé (Carnet)");
    assertThat(ActionWording.summary(trace("RETIRED_ACTION", "ADMIN", "admin", null)))
        .isEqualTo("Un administrateur a agi sur votre dossier");
  }

  private static Trace trace(String action, String role, String actorId, String mode) {
    return new Trace(
        1,
        Instant.parse("2026-11-23T20:05:00Z"),
        role,
        actorId,
        "PROFESSIONAL".equals(role) ? "10101010101" : null,
        null,
        "PROFESSIONAL".equals(role) ? "Médecin" : null,
        null,
        UUID.randomUUID(),
        null,
        action,
        mode,
        "PERMIT",
        null,
        null,
        null);
  }
}
