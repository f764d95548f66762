package fr.carnet.web.console;

import fr.carnet.access.Representation;
import fr.carnet.consent.application.RepresentativeService;
import fr.carnet.consent.model.Representative;
import fr.carnet.security.Role;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The representatives of the person open on the agent's desk: a parent or guardian registered on
 * the phone (a request that a second staff member approves, {@link FourEyesDesk}) and a
 * representation ended. The list itself belongs to the person's account ({@link AgentDesk}).
 */
@Named("representativesDesk")
@ViewScoped
public class RepresentativesDesk implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> STANDINGS =
      Map.of(
          "PENDING", "En attente d'approbation",
          "EXPIRED", "Expirée sans approbation",
          "ACTIVE", "Active",
          "REJECTED", "Refusée",
          "ENDED", "Terminée");

  @EJB private RepresentativeService representatives;
  @Inject private ConsoleUser user;
  @Inject private AgentDesk desk;

  private IdentityForm representative = new IdentityForm();
  private Representation.Kind repKind = Representation.Kind.MINOR;
  private Representative.Relationship repRelationship = Representative.Relationship.PARENT;
  private String repCourt;
  private LocalDate repCourtDate;
  private String repCourtNumber;

  /**
   * A parent or guardian, who must have a record of their own (found by INS and traits): a request
   * that a second staff member approves before it gives any right.
   */
  public void registerRepresentative() {
    desk.act(
        () ->
            representatives.register(
                user.actor(Role.AGENT),
                desk.getRecordId(),
                representative.ins(),
                representative.traits(),
                repKind,
                repRelationship,
                courtDecision()),
        "Demande enregistrée : un second membre du personnel doit l'approuver avant que le"
            + " représentant puisse agir.");
    representative = new IdentityForm();
  }

  private Representative.CourtDecision courtDecision() {
    return repKind == Representation.Kind.PROTECTED_ADULT
        ? new Representative.CourtDecision(repCourt, repCourtDate, repCourtNumber)
        : null;
  }

  public void endRepresentative(UUID representativeId) {
    desk.act(
        () -> representatives.end(user.actor(Role.AGENT), desk.getRecordId(), representativeId),
        "Représentation terminée.");
  }

  /** A representative's kind and relationship, in words. */
  public String representation(RepresentativeService.RepresentativeView view) {
    String relationship =
        view.relationship() == Representative.Relationship.PARENT ? "parent" : "tuteur";
    String kind = view.kind() == Representation.Kind.MINOR ? "d'un mineur" : "d'un majeur protégé";
    return relationship + " " + kind;
  }

  /** A representation's standing, in words. */
  public String standing(RepresentativeService.RepresentativeView view) {
    return STANDINGS.getOrDefault(view.status().name(), view.status().name());
  }

  /** The representative's INS and traits, in the one identity form. */
  public IdentityForm getRepresentative() {
    return representative;
  }

  public Representation.Kind getRepKind() {
    return repKind;
  }

  public void setRepKind(Representation.Kind repKind) {
    this.repKind = repKind;
  }

  public Representative.Relationship getRepRelationship() {
    return repRelationship;
  }

  public void setRepRelationship(Representative.Relationship repRelationship) {
    this.repRelationship = repRelationship;
  }

  public String getRepCourt() {
    return repCourt;
  }

  public void setRepCourt(String repCourt) {
    this.repCourt = repCourt;
  }

  public LocalDate getRepCourtDate() {
    return repCourtDate;
  }

  public void setRepCourtDate(LocalDate repCourtDate) {
    this.repCourtDate = repCourtDate;
  }

  public String getRepCourtNumber() {
    return repCourtNumber;
  }

  public void setRepCourtNumber(String repCourtNumber) {
    this.repCourtNumber = repCourtNumber;
  }
}
