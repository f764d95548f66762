package fr.carnet.audit.model;

import fr.carnet.access.AccessPolicy;
import fr.carnet.notification.model.NotificationKind;
import java.util.Optional;

/**
 * The one table of French words for what the traces say: every {@link TraceAction} as the patient
 * reads it in their history (and in a history letter), as an agent reads it on the desk, and every
 * {@link NotificationKind} as the desk names it. The switches have no default, so that a new action
 * does not compile until it has its words: it can no longer show as "a agi sur votre dossier".
 * {@code ActionWordingTest} checks the words.
 */
public final class ActionWording {

  private ActionWording() {}

  /** A trace as the patient reads it: who did what, and whether it was refused. */
  public static String summary(Trace t) {
    Optional<TraceAction> action = action(t.action());
    String what =
        action.isEmpty()
            // A trace older than an action's removal: said plainly rather than hidden.
            ? "a agi sur votre dossier"
            : action.get() != TraceAction.GRANT_CREATE
                ? patient(action.get())
                // The patient side gives a standing agreement; a professional declares one.
                : "PATIENT".equals(t.actorRole())
                    ? "a donné un accord durable à un professionnel"
                    : grant(t.mode());
    String refused = "DENY".equals(t.outcome()) ? " — accès refusé" : "";
    String pharmacy = pharmacy(t);
    if (pharmacy != null) {
      // The patient side chose the pharmacy (issue 21): their history says to whom they wrote.
      what = "a écrit à la pharmacie FINESS " + pharmacy;
    }
    return who(t) + " " + what + refused;
  }

  /**
   * The FINESS of the pharmacy a message went to, from its trace's detail ({@code
   * pharmacy:<finess>}, which the server writes), or null.
   */
  static String pharmacy(Trace t) {
    String marker = "pharmacy:";
    String detail = t.detail();
    int at = detail == null ? -1 : detail.indexOf(marker);
    if (!TraceAction.MESSAGE_SEND.name().equals(t.action())
        || at < 0
        || (at > 0 && detail.charAt(at - 1) != ' ')) {
      return null;
    }
    String finess = detail.substring(at + marker.length()).strip();
    return finess.matches("(\\d{2}|2A|2B)\\d{7}") ? finess : null;
  }

  /** An account event as the desk shows it, with who did it (the agent by name, or Carnet). */
  public static String event(Trace t) {
    String who =
        switch (t.actorRole()) {
          case "AGENT" -> "conseiller " + t.actorId();
          case "PATIENT" -> "la personne ou son représentant";
          case "PROFESSIONAL" -> "professionnel de santé";
          default -> t.actorId().startsWith("system:") ? "Carnet" : "administrateur";
        };
    return action(t.action()).map(ActionWording::desk).orElse(t.action()) + " (" + who + ")";
  }

  /** Who acted, as the patient reads it; a professional by profession and RPPS. */
  public static String who(Trace t) {
    return switch (t.actorRole()) {
      case "PROFESSIONAL" ->
          (t.professionLabel() == null ? "Un professionnel de santé" : t.professionLabel())
              + " (RPPS "
              + t.actorRpps()
              + ")";
      // A proxy acts with their own patient token: the policy's reason says it was one.
      case "PATIENT" ->
          t.reason() != null && AccessPolicy.isProxyReason(t.reason())
              ? "Votre mandataire"
              : "Vous ou votre représentant légal";
      // The agent is named: the patient can tell who acted on the phone.
      case "AGENT" -> "Un conseiller de l'Assurance Maladie (" + t.actorId() + ")";
      case "AUDITOR" -> "Un contrôleur";
      case "ADMIN" -> t.actorId().startsWith("system:") ? "Carnet" : "Un administrateur";
      // A connected app (issue 21) by the name the catalogue gives it, read with the trace.
      case "APP" ->
          "L'application "
              + (t.professionLabel() == null ? t.actorId() : "« " + t.professionLabel() + " »");
      default -> "Quelqu'un";
    };
  }

  /** A professional's access of this mode ({@code NORMAL}, {@code BREAK_GLASS}, …), or none. */
  public static String grant(String mode) {
    return switch (mode == null ? "" : mode) {
      case "NORMAL" -> "a déclaré votre accord pour accéder à votre dossier";
      case "BREAK_GLASS" -> "a ouvert votre dossier en urgence (bris de glace)";
      case "REGULATION" -> "a ouvert votre dossier pour la régulation des urgences (SAMU)";
      // A refusal before any mode was decided carries none.
      default -> "a demandé un accès";
    };
  }

  /** A notification as an agent reads it, in the list of letters that could not be produced. */
  public static String notification(NotificationKind kind) {
    return switch (kind) {
      case FIRST_ACCESS -> "Premier accès d'un professionnel";
      case BREAK_GLASS -> "Accès en urgence";
      case DOCUMENT_ARRIVED -> "Nouveau document";
      case ACCOUNT_STATE -> "Changement d'état du dossier";
      case ENROLMENT -> "Message d'information et code provisoire";
      case REPRESENTATION -> "Représentation légale";
      case DELETION -> "Demande de suppression";
      case PROXY -> "Activité d'un mandataire";
      case EXPORT_OFFERED -> "Export du dossier à télécharger";
      case HISTORY_BY_POST -> "Historique des accès par courrier";
      case EXPORT_BY_POST -> "Export du dossier demandé par courrier";
      case HISTORY_OFFERED -> "Historique des accès à consulter dans l'espace";
      case AGENT_CHANGE -> "Réglages changés par un conseiller";
      case MESSAGE_ARRIVED -> "Nouveau message";
      case APPOINTMENT_ARRIVED -> "Nouveau rendez-vous";
      case PREVENTION_REMINDER -> "Rappel de prévention";
    };
  }

  private static Optional<TraceAction> action(String name) {
    try {
      return Optional.of(TraceAction.valueOf(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** What the action did, after who did it, as the patient reads it ("a consulté un document"). */
  public static String patient(TraceAction action) {
    return switch (action) {
      case RECORD_CREATE -> "a créé votre dossier";
      case RECORD_LOOKUP -> "a recherché votre dossier";
      case RECORD_READ_OWN -> "a ouvert votre espace";
      case DOCUMENT_PUBLISH -> "a ajouté un document";
      case DOCUMENT_SEARCH -> "a consulté la liste de vos documents";
      case DOCUMENT_READ -> "a consulté un document";
      case CONTENT_READ -> "a ouvert un document";
      case DOCUMENT_VERSION -> "a remplacé un document par une nouvelle version";
      case DOCUMENT_WITHDRAW -> "a retiré un document";
      case DOCUMENT_RELEASE -> "a rendu un document visible pour vous";
      case PROFILE_READ -> "a consulté votre profil médical";
      case PROFILE_WRITE -> "a complété votre profil médical";
      case SUMMARY_READ -> "a consulté la synthèse de votre dossier";
      case GRANT_CREATE -> "a demandé un accès";
      case GRANT_LIST -> "a consulté les accès autorisés";
      case GRANT_REVOKE -> "a révoqué un accès";
      case MASK_SET -> "a masqué un document";
      case MASK_CLEAR -> "a rendu visible un document masqué";
      case BLOCK_SET -> "a bloqué un professionnel";
      case BLOCK_CLEAR -> "a débloqué un professionnel";
      case CONTROLS_READ -> "a consulté vos réglages";
      case DESIGNATED_GP_SET -> "a désigné votre médecin traitant";
      case DESIGNATED_GP_CLEAR -> "a retiré votre médecin traitant";
      case SETTINGS_CHANGE -> "a modifié vos réglages";
      case RESEARCH_PREFERENCES_READ -> "a consulté vos choix pour la recherche";
      case RESEARCH_PREFERENCES_CHANGE -> "a modifié vos choix pour la recherche";
      case REPRESENTATIVE_REGISTER ->
          "a demandé l'enregistrement d'un représentant légal (en attente d'une seconde"
              + " vérification)";
      case REPRESENTATIVE_END -> "a mis fin à une représentation légale";
      case REPRESENTATIVE_LIST -> "a consulté vos représentants légaux";
      case REPRESENTATIVE_APPROVE ->
          "a approuvé l'enregistrement d'un représentant légal (seconde vérification)";
      case REPRESENTATIVE_REJECT -> "a refusé l'enregistrement d'un représentant légal";
      case STAFF_REQUESTS_LIST -> "a consulté les demandes en attente de vérification";
      case DELETION_REQUEST ->
          "a demandé la suppression définitive de votre dossier (en attente d'une seconde"
              + " vérification)";
      case DELETION_APPROVE ->
          "a approuvé la suppression définitive du dossier (seconde vérification)";
      case DELETION_REJECT -> "a refusé la suppression définitive du dossier";
      case ACCESS_PREVIEW -> "a vérifié ce qu'un professionnel pourrait voir";
      case REFERENCE_READ -> "a consulté une liste de référence";
      case MATRIX_READ -> "a consulté la matrice des droits d'accès";
      case MATRIX_CHANGE -> "a modifié la matrice des droits d'accès";
      case ACCESS_HISTORY_READ -> "a consulté l'historique des accès";
      case AUDIT_SEARCH -> "a contrôlé les accès à votre dossier";
      case AUDIT_EXPORT -> "a exporté les accès à votre dossier pour contrôle";
      case AUDIT_INTEGRITY -> "a vérifié l'intégrité du journal des accès";
      case AUDIT_ANOMALIES -> "a recherché des accès anormaux";
      case AUDIT_TREE_HEAD -> "a consulté les empreintes signées du journal des accès";
      case AUDIT_PROOF -> "a demandé une preuve d'intégrité du journal des accès";
      case AUDIT_RETENTION -> "a consulté les purges des accès les plus anciens";
      case ACCOUNT_READ -> "a consulté l'état de votre compte";
      case RECORD_ACTIVATE -> "a activé votre dossier avec le code provisoire";
      case RECORD_OPEN_AT_WINDOW_END -> "a ouvert votre dossier à la fin du délai d'opposition";
      case RECORD_OPPOSE -> "a enregistré votre opposition au dossier";
      case RECORD_OPPOSITION_WITHDRAW -> "a retiré votre opposition au dossier";
      case RECORD_CLOSE -> "a clôturé votre dossier";
      case RECORD_REOPEN -> "a rouvert votre dossier";
      case RECORD_DEATH -> "a enregistré le décès et clôturé le dossier";
      case RECORD_PURGE -> "a supprimé les données du dossier";
      case CODE_REISSUE -> "a émis un nouveau code provisoire";
      case ACTIVATION_UNLOCK -> "a débloqué l'activation de votre dossier";
      case ENROLMENT_START -> "a lancé une inscription en nombre";
      case ENROLMENT_READ -> "a consulté une inscription en nombre";
      case ENROLMENT_RESTART -> "a relancé une inscription en nombre";
      case STAFF_CREATE -> "a créé un compte du personnel";
      case STAFF_LIST -> "a consulté les comptes du personnel";
      case STAFF_CHANGE -> "a modifié un compte du personnel";
      case STAFF_LOGIN -> "s'est connecté à la console";
      case STAFF_LOGIN_FAILED -> "a échoué à se connecter à la console";
      case STAFF_LOCKED_OUT -> "a été bloqué après des connexions échouées";
      case STAFF_LOGOUT -> "s'est déconnecté de la console";
      case STAFF_PASSWORD_CHANGE -> "a changé son mot de passe";
      case RECORD_SEARCH -> "a recherché votre dossier par nom";
      case TYPE_MAPPING_CHANGE -> "a modifié la correspondance des types de documents";
      case DURATION_CHANGE -> "a modifié une durée de conservation";
      case CLASS_MASK_SET -> "a masqué une catégorie de documents";
      case CLASS_MASK_CLEAR -> "a rendu visible une catégorie de documents masquée";
      case ORGANISATION_BLOCK_SET -> "a bloqué un établissement";
      case ORGANISATION_BLOCK_CLEAR -> "a débloqué un établissement";
      case PROXY_CREATE -> "a désigné un mandataire";
      case PROXY_LIST -> "a consulté la liste de vos mandataires";
      case PROXY_REVOKE -> "a révoqué un mandataire";
      case PROXY_RENOUNCE -> "a renoncé à son mandat";
      case PROXIED_LIST -> "a consulté les dossiers pour lesquels il est mandataire";
      case RECORD_EXPORT -> "a téléchargé l'export complet du dossier";
      case RECORD_EXPORT_SENDING ->
          "a demandé l'envoi de l'export du dossier à votre adresse enregistrée";
      case LETTER_PRODUCED -> "a imprimé un courrier à votre adresse postale";
      case LETTERS_IMPOSSIBLE_LIST -> "a consulté les courriers impossibles à envoyer";
      case CALLER_CODE_SEND ->
          "a vérifié votre INS et vos traits et vous a envoyé un code de vérification";
      case CALLER_CONFIRM -> "a confirmé votre identité au téléphone";
      case HISTORY_SENDING ->
          "a demandé l'envoi de l'historique des accès à votre adresse enregistrée";
      case MESSAGE_SEND -> "a écrit un message dans votre messagerie";
      case MESSAGE_READ -> "a lu une conversation de votre messagerie";
      case ATTACHMENT_FILE -> "a classé dans votre dossier une pièce jointe d'un message";
      case CATALOGUE_REQUEST -> "a demandé le référencement d'une application";
      case CATALOGUE_APPROVE -> "a approuvé une demande du catalogue";
      case CATALOGUE_REJECT -> "a refusé une demande du catalogue";
      case CATALOGUE_SUSPEND -> "a suspendu une application du catalogue";
      case CATALOGUE_READ -> "a consulté le catalogue des applications";
      case APP_CONNECT -> "a connecté une application à votre espace";
      case APP_LIST -> "a consulté les applications connectées";
      case APP_REVOKE -> "a déconnecté une application de votre espace";
      case APP_PREVIEW -> "a demandé ce qu'une application connectée peut voir";
      case APPOINTMENT_PUSH -> "a inscrit ou modifié un rendez-vous dans votre agenda";
      case AGENDA_READ -> "a consulté votre agenda";
      case APPOINTMENT_WRITE -> "a ajouté, modifié ou supprimé un rendez-vous de votre agenda";
      case REMINDER_SWITCH -> "a activé ou désactivé un rappel de prévention";
      case REMINDER_SENT -> "vous a envoyé un rappel de prévention";
      case PREVENTION_CALENDAR_READ -> "a consulté le calendrier de prévention";
      case PREVENTION_CALENDAR_CHANGE -> "a modifié le calendrier de prévention";
    };
  }

  /** The action as an event on the agent's and the administrators' desks ("Dossier créé"). */
  public static String desk(TraceAction action) {
    return switch (action) {
      case RECORD_CREATE -> "Dossier créé";
      case RECORD_LOOKUP -> "Dossier recherché par INS";
      case RECORD_READ_OWN -> "Espace ouvert";
      case DOCUMENT_PUBLISH -> "Document ajouté";
      case DOCUMENT_SEARCH -> "Liste des documents consultée";
      case DOCUMENT_READ -> "Document consulté";
      case CONTENT_READ -> "Document ouvert";
      case DOCUMENT_VERSION -> "Nouvelle version d'un document";
      case DOCUMENT_WITHDRAW -> "Document retiré";
      case DOCUMENT_RELEASE -> "Document rendu visible au patient";
      case PROFILE_READ -> "Profil médical consulté";
      case SUMMARY_READ -> "Synthèse du dossier consultée";
      case PROFILE_WRITE -> "Profil médical complété";
      case GRANT_CREATE -> "Accès demandé";
      case GRANT_LIST -> "Accès autorisés consultés";
      case GRANT_REVOKE -> "Accès révoqué";
      case MASK_SET -> "Document masqué";
      case MASK_CLEAR -> "Masquage levé";
      case BLOCK_SET -> "Professionnel bloqué";
      case BLOCK_CLEAR -> "Professionnel débloqué";
      case CONTROLS_READ -> "Réglages consultés";
      case DESIGNATED_GP_SET -> "Médecin traitant désigné";
      case DESIGNATED_GP_CLEAR -> "Médecin traitant retiré";
      case SETTINGS_CHANGE -> "Réglages modifiés";
      case RESEARCH_PREFERENCES_READ -> "Choix pour la recherche consultés";
      case RESEARCH_PREFERENCES_CHANGE -> "Choix pour la recherche modifiés";
      case REPRESENTATIVE_REGISTER -> "Représentant légal demandé";
      case REPRESENTATIVE_END -> "Représentation terminée";
      case REPRESENTATIVE_LIST -> "Représentants consultés";
      case REPRESENTATIVE_APPROVE -> "Représentant légal approuvé";
      case REPRESENTATIVE_REJECT -> "Représentant légal refusé";
      case STAFF_REQUESTS_LIST -> "Demandes en attente consultées";
      case DELETION_REQUEST -> "Suppression définitive demandée";
      case DELETION_APPROVE -> "Suppression définitive approuvée";
      case DELETION_REJECT -> "Suppression définitive refusée";
      case ACCESS_PREVIEW -> "Aperçu des accès d'un professionnel";
      case REFERENCE_READ -> "Liste de référence consultée";
      case MATRIX_READ -> "Matrice des droits consultée";
      case MATRIX_CHANGE -> "Matrice des droits modifiée";
      case ACCESS_HISTORY_READ -> "Historique des accès consulté";
      case AUDIT_SEARCH -> "Contrôle des accès";
      case AUDIT_EXPORT -> "Export des accès pour contrôle";
      case AUDIT_INTEGRITY -> "Intégrité du journal vérifiée";
      case AUDIT_ANOMALIES -> "Recherche d'accès anormaux";
      case AUDIT_TREE_HEAD -> "Empreintes signées consultées";
      case AUDIT_PROOF -> "Preuve d'intégrité demandée";
      case AUDIT_RETENTION -> "Purges du journal consultées";
      case ACCOUNT_READ -> "Compte consulté";
      case RECORD_ACTIVATE -> "Activé avec le code provisoire";
      case RECORD_OPEN_AT_WINDOW_END -> "Ouvert à la fin du délai d'opposition";
      case RECORD_OPPOSE -> "Opposition enregistrée";
      case RECORD_OPPOSITION_WITHDRAW -> "Opposition retirée";
      case RECORD_CLOSE -> "Dossier fermé";
      case RECORD_REOPEN -> "Dossier rouvert";
      case RECORD_DEATH -> "Décès enregistré";
      case RECORD_PURGE -> "Données supprimées";
      case CODE_REISSUE -> "Nouveau code provisoire";
      case ACTIVATION_UNLOCK -> "Activation débloquée";
      case ENROLMENT_START -> "Inscription en nombre lancée";
      case ENROLMENT_READ -> "Inscription en nombre consultée";
      case ENROLMENT_RESTART -> "Inscription en nombre relancée";
      case STAFF_CREATE -> "Compte du personnel créé";
      case STAFF_LIST -> "Comptes du personnel consultés";
      case STAFF_CHANGE -> "Compte du personnel modifié";
      case STAFF_LOGIN -> "Connexion à la console";
      case STAFF_LOGIN_FAILED -> "Connexion échouée";
      case STAFF_LOCKED_OUT -> "Compte bloqué après des échecs";
      case STAFF_LOGOUT -> "Déconnexion de la console";
      case STAFF_PASSWORD_CHANGE -> "Mot de passe changé";
      case RECORD_SEARCH -> "Recherche par nom";
      case TYPE_MAPPING_CHANGE -> "Correspondance des types modifiée";
      case DURATION_CHANGE -> "Durée de conservation modifiée";
      case CLASS_MASK_SET -> "Catégorie de documents masquée";
      case CLASS_MASK_CLEAR -> "Masquage de catégorie levé";
      case ORGANISATION_BLOCK_SET -> "Établissement bloqué";
      case ORGANISATION_BLOCK_CLEAR -> "Établissement débloqué";
      case PROXY_CREATE -> "Mandataire désigné";
      case PROXY_LIST -> "Mandataires consultés";
      case PROXY_REVOKE -> "Mandataire révoqué";
      case PROXY_RENOUNCE -> "Mandat abandonné";
      case PROXIED_LIST -> "Dossiers mandatés consultés";
      case RECORD_EXPORT -> "Export du dossier téléchargé";
      case RECORD_EXPORT_SENDING -> "Envoi de l'export demandé";
      case LETTER_PRODUCED -> "Courrier imprimé";
      case LETTERS_IMPOSSIBLE_LIST -> "Courriers impossibles consultés";
      case CALLER_CODE_SEND -> "Code de confirmation envoyé à l'appelant";
      case CALLER_CONFIRM -> "Identité de l'appelant confirmée";
      case CATALOGUE_REQUEST -> "Demande du catalogue des applications";
      case CATALOGUE_APPROVE -> "Demande du catalogue approuvée";
      case CATALOGUE_REJECT -> "Demande du catalogue refusée";
      case CATALOGUE_SUSPEND -> "Application suspendue";
      case CATALOGUE_READ -> "Catalogue des applications consulté";
      case APP_CONNECT -> "Application connectée";
      case APP_LIST -> "Applications connectées consultées";
      case APP_REVOKE -> "Application déconnectée";
      case APP_PREVIEW -> "Aperçu de ce que voit une application";
      case HISTORY_SENDING -> "Envoi de l'historique des accès demandé";
      case MESSAGE_SEND -> "Message écrit";
      case MESSAGE_READ -> "Conversation lue";
      case ATTACHMENT_FILE -> "Pièce jointe classée dans le dossier";
      case APPOINTMENT_PUSH -> "Rendez-vous inscrit ou modifié";
      case AGENDA_READ -> "Agenda consulté";
      case APPOINTMENT_WRITE -> "Rendez-vous personnel ajouté, modifié ou supprimé";
      case REMINDER_SWITCH -> "Rappel de prévention activé ou désactivé";
      case REMINDER_SENT -> "Rappel de prévention envoyé";
      case PREVENTION_CALENDAR_READ -> "Calendrier de prévention consulté";
      case PREVENTION_CALENDAR_CHANGE -> "Calendrier de prévention modifié";
    };
  }
}
