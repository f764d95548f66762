package fr.carnet.notification.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageComposerTest {

  private static final Instant WINTER_EVENING = Instant.parse("2026-11-23T20:05:00Z");
  private final MessageComposer composer = new MessageComposer("https://carnet.test/espace");

  @Test
  void anEmailSummarisesEveryPendingNotificationInFrenchCivilTime() {
    Message message =
        compose(
            Channel.EMAIL,
            List.of(
                new PendingNotification(
                    1,
                    NotificationKind.FIRST_ACCESS,
                    WINTER_EVENING,
                    "10101010101",
                    "Médecin",
                    null),
                document(2),
                document(3),
                new PendingNotification(
                    4,
                    NotificationKind.BREAK_GLASS,
                    WINTER_EVENING,
                    "10303030303",
                    "Infirmier",
                    "BREAK_GLASS"),
                new PendingNotification(
                    5, NotificationKind.ACCOUNT_STATE, WINTER_EVENING, null, null, "OPEN")));

    assertThat(message.subject()).isEqualTo("Carnet : du nouveau dans votre dossier");
    assertThat(message.body())
        .contains(
            "- Médecin (RPPS 10101010101) a consulté votre dossier pour la première fois,"
                + " le 23/11/2026 à 21:05.")
        .contains(
            "- Accès en urgence (bris de glace) à votre dossier par infirmier (RPPS 10303030303),"
                + " le 23/11/2026 à 21:05.")
        .contains("- 2 nouveaux documents ont été ajoutés à votre dossier.")
        .contains("- Votre dossier Carnet est ouvert.")
        .contains("https://carnet.test/espace")
        .contains("aucune donnée de santé");
  }

  @Test
  void oneDocumentIsSingularAndRegulationIsNamedAsSuch() {
    Message message =
        compose(
            Channel.EMAIL,
            List.of(
                document(1),
                new PendingNotification(
                    2, NotificationKind.BREAK_GLASS, WINTER_EVENING, null, null, "REGULATION")));

    assertThat(message.body())
        .contains("- 1 nouveau document a été ajouté à votre dossier.")
        .contains(
            "Accès par la régulation médicale (SAMU-Centre 15) à votre dossier par un"
                + " professionnel de santé, le 23/11/2026 à 21:05.");
  }

  @Test
  void anSmsCountsWhatHappenedWithinOneShortText() {
    Message message =
        compose(
            Channel.SMS,
            List.of(
                document(1),
                document(2),
                new PendingNotification(
                    3,
                    NotificationKind.FIRST_ACCESS,
                    WINTER_EVENING,
                    "10101010101",
                    "Médecin",
                    null)));

    assertThat(message.subject()).isNull();
    assertThat(message.body())
        .isEqualTo(
            "Carnet : 1 nouveau professionnel, 2 nouveaux documents. Détails dans votre espace"
                + " Carnet : https://carnet.test/espace")
        .hasSizeLessThanOrEqualTo(160);
  }

  @Test
  void nothingPendingIsNoMessage() {
    assertThat(composer.compose(Channel.EMAIL, List.of(), Optional.empty())).isEmpty();
  }

  @Test
  void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5));

    assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(240));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.after(1_000)).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEnrolmentCarriesTheCodeAndTheDatesAndIsNotToldWithoutACode() {
    PendingNotification enrolment =
        new PendingNotification(
            1, NotificationKind.ENROLMENT, WINTER_EVENING, null, null, "2027-01-04T20:05:00Z");
    CodeIssuer.Code code =
        new CodeIssuer.Code("ABCD-EFGH-JKMN", Instant.parse("2027-02-21T10:00:00Z"));

    Message email =
        composer.compose(Channel.EMAIL, List.of(enrolment), Optional.of(code)).orElseThrow();
    Message sms =
        composer.compose(Channel.SMS, List.of(enrolment), Optional.of(code)).orElseThrow();

    assertThat(email.body())
        .contains("Votre code provisoire est ABCD-EFGH-JKMN (valable jusqu'au 21/02/2027)")
        .contains("il s'ouvrira le 04/01/2027");
    assertThat(sms.body())
        .startsWith("Carnet : votre dossier a été créé. Code provisoire ABCD-EFGH-JKMN.")
        .contains("il s'ouvrira le 04/01/2027");
    // The record is no longer pending: no code, and the enrolment is not told.
    assertThat(composer.compose(Channel.EMAIL, List.of(enrolment), Optional.empty())).isEmpty();
    assertThat(
            composer
                .compose(Channel.EMAIL, List.of(enrolment, document(2)), Optional.empty())
                .orElseThrow()
                .body())
        .doesNotContain("code")
        .contains("1 nouveau document");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      textBlock =
          """
          # kind         | detail                     | expected
          REPRESENTATION | REQUESTED                  | l'enregistrement d'un représentant légal pour votre dossier. Il ne pourra agir qu'après la vérification d'un second membre du personnel.
          REPRESENTATION | REQUESTED_FOR_REPRESENTED  | pour le dossier d'une personne que vous représentez
          REPRESENTATION | APPROVED                   | Un représentant légal a été enregistré pour votre dossier, le 23/11/2026 à 21:05
          REPRESENTATION | APPROVED_FOR_REPRESENTED   | Un représentant légal a été enregistré pour le dossier d'une personne que vous représentez
          DELETION       | REQUESTED                  | la suppression définitive de votre dossier. Le dossier est fermé dès maintenant
          DELETION       | REQUESTED_FOR_REPRESENTED  | la suppression définitive du dossier d'une personne que vous représentez
          """)
  void staffRequestsAreToldSoThatAPersonWhoAskedNothingCanObject(
      NotificationKind kind, String detail, String expected) {
    Message email =
        compose(
            Channel.EMAIL,
            List.of(new PendingNotification(1, kind, WINTER_EVENING, null, null, detail)));
    assertThat(email.body())
        .contains(expected)
        .contains(
            "Si vous n'êtes pas à l'origine de cette démarche, contactez l'Assurance Maladie.")
        .contains("Ce message ne contient aucune donnée de santé");
    Message sms =
        compose(
            Channel.SMS,
            List.of(new PendingNotification(1, kind, WINTER_EVENING, null, null, detail)));
    assertThat(sms.body())
        .contains(
            kind == NotificationKind.REPRESENTATION
                ? "représentation légale à vérifier"
                : "demande de suppression du dossier")
        .hasSizeLessThanOrEqualTo(160);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      textBlock =
          """
          # detail   | expected
          FIRST_ACT  | Une personne que vous avez désignée comme mandataire a agi sur votre dossier pour la première fois, le 23/11/2026 à 21:05. Vous pouvez révoquer ce mandat à tout moment.
          RENOUNCED  | Une personne que vous aviez désignée comme mandataire a renoncé à ce mandat, le 23/11/2026 à 21:05.
          """)
  void aProxysFirstActIsToldWithoutNamingThem(String detail, String expected) {
    List<PendingNotification> pending =
        List.of(
            new PendingNotification(1, NotificationKind.PROXY, WINTER_EVENING, null, null, detail));
    assertThat(compose(Channel.EMAIL, pending).body())
        .contains(expected)
        .contains("Ce message ne contient aucune donnée de santé");
    assertThat(compose(Channel.SMS, pending).body())
        .contains("activité de votre mandataire")
        .hasSizeLessThanOrEqualTo(160);
  }

  @Test
  void anOfferedExportSaysWhereToDownloadItAndCarriesNothingOfIt() {
    PendingNotification offered =
        new PendingNotification(
            1, NotificationKind.EXPORT_OFFERED, WINTER_EVENING, null, null, null);

    Message email = compose(Channel.EMAIL, List.of(offered));
    Message sms = compose(Channel.SMS, List.of(offered));

    assertThat(email.body())
        .contains("L'export complet de votre dossier vous attend")
        .contains("https://carnet.test/espace")
        .contains("Ce message ne contient aucune donnée de santé");
    assertThat(sms.body())
        .isEqualTo(
            "Carnet : export du dossier à télécharger. Détails dans votre espace Carnet :"
                + " https://carnet.test/espace")
        .hasSizeLessThanOrEqualTo(160);
  }

  private Message compose(Channel channel, List<PendingNotification> pending) {
    return composer.compose(channel, pending, Optional.empty()).orElseThrow();
  }

  private static PendingNotification document(long id) {
    return new PendingNotification(
        id, NotificationKind.DOCUMENT_ARRIVED, WINTER_EVENING, null, null, null);
  }
}
