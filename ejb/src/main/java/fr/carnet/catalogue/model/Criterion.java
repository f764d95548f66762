package fr.carnet.catalogue.model;

/**
 * One criterion of the review's checklist (V35's data).
 *
 * @param dataOnly whether it applies only to the apps that exchange data (the reinforced criteria)
 */
public record Criterion(String code, boolean dataOnly, String label) {

  /** Whether an app of this kind is reviewed against this criterion. */
  public boolean appliesTo(boolean exchangesData) {
    return !dataOnly || exchangesData;
  }
}
