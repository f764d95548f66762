package fr.carnet.web.console;

import fr.carnet.consent.application.RestrictionService;
import fr.carnet.consent.model.RestrictionRepository;
import fr.carnet.security.Role;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The restrictions a caller asks for on the phone, for the person open on the agent's desk: a class
 * masked from professionals, an organisation blocked. Agents set restrictions; lifting one widens
 * access to clinical content, so only a confirmed caller's own request lifts a block ({@link
 * CallerDesk}) and the policy decides.
 */
@Named("restrictionsDesk")
@ViewScoped
public class RestrictionsDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final RestrictionService.Restrictions NONE =
      new RestrictionService.Restrictions(List.of(), List.of());

  @EJB private RestrictionService restrictionService;
  @Inject private ConsoleUser user;
  @Inject private AgentDesk desk;

  private RestrictionService.Restrictions restrictions = NONE;
  private String maskClass;
  private String blockFiness;

  /** The person's restrictions, once the caller is confirmed (the policy refuses them before). */
  void load() {
    restrictions = restrictionService.restrictions(user.actor(Role.AGENT), desk.getRecordId());
  }

  /** Another person on the desk, or none: nothing of the previous one stays shown. */
  void clear() {
    restrictions = NONE;
  }

  /** Masks a whole class from professionals (except its author and the GP), as the caller asks. */
  public void maskClass() {
    desk.act(
        () -> {
          restrictionService.maskClass(user.actor(Role.AGENT), desk.getRecordId(), maskClass, true);
          load();
        },
        "Catégorie masquée aux professionnels (sauf à son auteur et au médecin traitant).");
  }

  /** Blocks an organisation by FINESS, as the caller asks: everyone acting for it is refused. */
  public void blockOrganisation() {
    desk.act(
        () -> {
          restrictionService.blockOrganisation(
              user.actor(Role.AGENT),
              desk.getRecordId(),
              blockFiness == null ? null : blockFiness.strip(),
              true);
          load();
        },
        "Établissement bloqué : personne n'y accède plus au dossier, urgences comprises.");
    blockFiness = null;
  }

  /**
   * Lifts an organisation's block on the caller's request, once the caller is confirmed (the policy
   * refuses it otherwise); called by {@link CallerDesk}, which reports the outcome.
   */
  void unblockOrganisation(String finess) {
    restrictionService.blockOrganisation(user.actor(Role.AGENT), desk.getRecordId(), finess, false);
    load();
  }

  public List<String> getMaskableClasses() {
    return restrictionService.maskableClasses();
  }

  public List<RestrictionRepository.ClassMask> getClassMasks() {
    return restrictions.classes();
  }

  public List<RestrictionRepository.OrganisationBlock> getOrganisationBlocks() {
    return restrictions.organisations();
  }

  public String getMaskClass() {
    return maskClass;
  }

  public void setMaskClass(String maskClass) {
    this.maskClass = maskClass;
  }

  public String getBlockFiness() {
    return blockFiness;
  }

  public void setBlockFiness(String blockFiness) {
    this.blockFiness = blockFiness;
  }
}
