package fr.carnet.audit.interfaces.rest;

import fr.carnet.access.AccessPolicy;
import fr.carnet.audit.model.Trace;
import java.util.Map;

/** A trace in words a patient understands, in French. */
final class HistoryWording {

  private static final Map<String, String> ACTIONS =
      Map.ofEntries(
          Map.entry("RECORD_CREATE", "a créé votre dossier"),
          Map.entry("RECORD_LOOKUP", "a recherché votre dossier"),
          Map.entry("RECORD_READ_OWN", "a ouvert votre espace"),
          Map.entry("DOCUMENT_PUBLISH", "a ajouté un document"),
          Map.entry("DOCUMENT_SEARCH", "a consulté la liste de vos documents"),
          Map.entry("DOCUMENT_READ", "a consulté un document"),
          Map.entry("CONTENT_READ", "a ouvert un document"),
          Map.entry("DOCUMENT_VERSION", "a remplacé un document par une nouvelle version"),
          Map.entry("DOCUMENT_WITHDRAW", "a retiré un document"),
          Map.entry("DOCUMENT_RELEASE", "a rendu un document visible pour vous"),
          Map.entry("PROFILE_READ", "a consulté votre profil médical"),
          Map.entry("PROFILE_WRITE", "a complété votre profil médical"),
          Map.entry("SUMMARY_READ", "a consulté la synthèse de votre dossier"),
          Map.entry("GRANT_LIST", "a consulté les accès autorisés"),
          Map.entry("GRANT_REVOKE", "a révoqué un accès"),
          Map.entry("MASK_SET", "a masqué un document"),
          Map.entry("MASK_CLEAR", "a rendu visible un document masqué"),
          Map.entry("BLOCK_SET", "a bloqué un professionnel"),
          Map.entry("BLOCK_CLEAR", "a débloqué un professionnel"),
          Map.entry("CONTROLS_READ", "a consulté vos réglages"),
          Map.entry("DESIGNATED_GP_SET", "a désigné votre médecin traitant"),
          Map.entry("DESIGNATED_GP_CLEAR", "a retiré votre médecin traitant"),
          Map.entry("SETTINGS_CHANGE", "a modifié vos réglages"),
          Map.entry("RESEARCH_PREFERENCES_READ", "a consulté vos choix pour la recherche"),
          Map.entry("RESEARCH_PREFERENCES_CHANGE", "a modifié vos choix pour la recherche"),
          Map.entry(
              "REPRESENTATIVE_REGISTER",
              "a demandé l'enregistrement d'un représentant légal (en attente d'une seconde"
                  + " vérification)"),
          Map.entry(
              "REPRESENTATIVE_APPROVE",
              "a approuvé l'enregistrement d'un représentant légal (seconde vérification)"),
          Map.entry("REPRESENTATIVE_REJECT", "a refusé l'enregistrement d'un représentant légal"),
          Map.entry(
              "DELETION_REQUEST",
              "a demandé la suppression définitive de votre dossier (en attente d'une seconde"
                  + " vérification)"),
          Map.entry(
              "DELETION_APPROVE",
              "a approuvé la suppression définitive du dossier (seconde vérification)"),
          Map.entry("DELETION_REJECT", "a refusé la suppression définitive du dossier"),
          Map.entry("STAFF_REQUESTS_LIST", "a consulté les demandes en attente de vérification"),
          Map.entry("REPRESENTATIVE_END", "a mis fin à une représentation légale"),
          Map.entry("REPRESENTATIVE_LIST", "a consulté vos représentants légaux"),
          Map.entry("ACCESS_PREVIEW", "a vérifié ce qu'un professionnel pourrait voir"),
          Map.entry("ACCESS_HISTORY_READ", "a consulté l'historique des accès"),
          Map.entry("AUDIT_SEARCH", "a contrôlé les accès à votre dossier"),
          Map.entry("AUDIT_EXPORT", "a exporté les accès à votre dossier pour contrôle"),
          Map.entry("AUDIT_INTEGRITY", "a vérifié l'intégrité du journal des accès"),
          Map.entry("AUDIT_ANOMALIES", "a recherché des accès anormaux"),
          Map.entry("AUDIT_TREE_HEAD", "a consulté les empreintes signées du journal des accès"),
          Map.entry("AUDIT_PROOF", "a demandé une preuve d'intégrité du journal des accès"),
          Map.entry("AUDIT_RETENTION", "a consulté les purges des accès les plus anciens"),
          Map.entry("ACCOUNT_READ", "a consulté l'état de votre compte"),
          Map.entry("RECORD_ACTIVATE", "a activé votre dossier avec le code provisoire"),
          Map.entry(
              "RECORD_OPEN_AT_WINDOW_END", "a ouvert votre dossier à la fin du délai d'opposition"),
          Map.entry("RECORD_OPPOSE", "a enregistré votre opposition au dossier"),
          Map.entry("RECORD_OPPOSITION_WITHDRAW", "a retiré votre opposition au dossier"),
          Map.entry("RECORD_CLOSE", "a clôturé votre dossier"),
          Map.entry("RECORD_REOPEN", "a rouvert votre dossier"),
          Map.entry("RECORD_DEATH", "a enregistré le décès et clôturé le dossier"),
          Map.entry("RECORD_PURGE", "a supprimé les données du dossier"),
          Map.entry("CODE_REISSUE", "a émis un nouveau code provisoire"),
          Map.entry("ACTIVATION_UNLOCK", "a débloqué l'activation de votre dossier"),
          Map.entry("CLASS_MASK_SET", "a masqué une catégorie de documents"),
          Map.entry("CLASS_MASK_CLEAR", "a rendu visible une catégorie de documents masquée"),
          Map.entry("ORGANISATION_BLOCK_SET", "a bloqué un établissement"),
          Map.entry("ORGANISATION_BLOCK_CLEAR", "a débloqué un établissement"),
          Map.entry("PROXY_CREATE", "a désigné un mandataire"),
          Map.entry("PROXY_LIST", "a consulté la liste de vos mandataires"),
          Map.entry("PROXY_REVOKE", "a révoqué un mandataire"),
          Map.entry("PROXY_RENOUNCE", "a renoncé à son mandat"),
          Map.entry("PROXIED_LIST", "a consulté les dossiers pour lesquels il est mandataire"),
          Map.entry("RECORD_EXPORT", "a téléchargé l'export complet du dossier"),
          Map.entry(
              "RECORD_EXPORT_SENDING",
              "a demandé l'envoi de l'export du dossier à votre adresse enregistrée"));

  private static final Map<String, String> GRANTS =
      Map.of(
          "NORMAL", "a déclaré votre accord pour accéder à votre dossier",
          "BREAK_GLASS", "a ouvert votre dossier en urgence (bris de glace)",
          "REGULATION", "a ouvert votre dossier pour la régulation des urgences (SAMU)");

  private HistoryWording() {}

  static String summary(Trace t) {
    String what =
        !"GRANT_CREATE".equals(t.action())
            ? ACTIONS.getOrDefault(t.action(), "a agi sur votre dossier")
            // The patient side gives a standing agreement; a professional declares one.
            : "PATIENT".equals(t.actorRole())
                ? "a donné un accord durable à un professionnel"
                // A refusal before any mode was decided carries none (Map.of refuses a null key).
                : t.mode() == null
                    ? "a demandé un accès"
                    : GRANTS.getOrDefault(t.mode(), "a demandé un accès");
    String refused = "DENY".equals(t.outcome()) ? " — accès refusé" : "";
    return who(t) + " " + what + refused;
  }

  private static String who(Trace t) {
    return switch (t.actorRole()) {
      case "PROFESSIONAL" ->
          (t.professionLabel() == null ? "Un professionnel de santé" : t.professionLabel())
              + " (RPPS "
              + t.actorRpps()
              + ")";
      // A proxy acts with their own patient token: the policy's reason says it was one.
      case "PATIENT" ->
          AccessPolicy.isProxyReason(t.reason())
              ? "Votre mandataire"
              : "Vous ou votre représentant légal";
      // The agent is named: the patient can tell who acted on the phone.
      case "AGENT" -> "Un conseiller de l'Assurance Maladie (" + t.actorId() + ")";
      case "AUDITOR" -> "Un contrôleur";
      case "ADMIN" -> t.actorId().startsWith("system:") ? "Carnet" : "Un administrateur";
      default -> "Quelqu'un";
    };
  }
}
