package fr.carnet.web.console;

import fr.carnet.shared.ErrorCode;
import java.util.Map;

/** The refusals the agents' desks can meet, in the words an agent reads on the phone. */
final class AgentRefusals {

  static final Map<ErrorCode, String> WORDS =
      Map.ofEntries(
          Map.entry(ErrorCode.RECORD_NOT_FOUND, "Aucun dossier pour cette identité."),
          Map.entry(
              ErrorCode.INS_TRAITS_MISMATCH,
              "Les traits ne correspondent pas au dossier de cet INS."),
          Map.entry(ErrorCode.INS_INVALID_KEY, "La clé de l'INS est fausse : vérifiez le numéro."),
          Map.entry(ErrorCode.INS_INVALID_FORMAT, "Le numéro INS doit compter 15 chiffres."),
          Map.entry(ErrorCode.TRAITS_INVALID, "Les traits d'identité ne sont pas valides."),
          Map.entry(
              ErrorCode.LIFECYCLE_TRANSITION_INVALID,
              "L'état du dossier ne permet pas cette action."),
          Map.entry(ErrorCode.FORBIDDEN, "Cette action ne vous est pas permise."),
          Map.entry(
              ErrorCode.CONTACT_MISSING,
              "Le dossier n'a ni courriel, ni téléphone, ni adresse postale."),
          Map.entry(
              ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED,
              "Cette personne est déjà représentante."),
          Map.entry(
              ErrorCode.REPRESENTATION_NOT_APPLICABLE,
              "Cette représentation ne s'applique pas (âge ou situation de la personne)."),
          Map.entry(ErrorCode.REPRESENTATIVE_NOT_FOUND, "Représentant introuvable."),
          Map.entry(
              ErrorCode.SAME_STAFF_MEMBER,
              "Vous avez fait cette demande : un autre membre du personnel doit l'approuver."),
          Map.entry(
              ErrorCode.APPROVAL_EXPIRED,
              "La demande a expiré sans approbation : elle doit être refaite."),
          Map.entry(ErrorCode.ALREADY_DECIDED, "La demande a déjà été approuvée ou refusée."),
          Map.entry(
              ErrorCode.COURT_DECISION_REQUIRED,
              "Pour le tuteur d'un majeur protégé, indiquez le tribunal, la date et le numéro du"
                  + " jugement."),
          Map.entry(ErrorCode.DELETION_REQUEST_NOT_FOUND, "Demande de suppression introuvable."),
          Map.entry(ErrorCode.DOCUMENT_CLASS_UNKNOWN, "Catégorie inconnue."),
          Map.entry(
              ErrorCode.CALLER_NOT_CONFIRMED,
              "Confirmez d'abord l'identité de l'appelant (INS, traits et code)."),
          Map.entry(
              ErrorCode.APP_CONNECTION_NOT_FOUND,
              "Cette application n'est plus connectée au dossier."),
          Map.entry(ErrorCode.VALIDATION_FAILED, "Saisie incomplète ou invalide."));

  private AgentRefusals() {}
}
