package fr.carnet.record.application;

import java.util.List;
import java.util.Set;

/**
 * The sections of the patient summary, as the International Patient Summary (IPS) names them by
 * LOINC code, and the kinds of profile entry each gathers. The FHIR document and the native JSON
 * are built from the same list, so that both say the same thing.
 *
 * @param loinc the section's LOINC code
 * @param title the section's title
 * @param required whether IPS requires the section even when empty (it then says why)
 * @param categories the profile categories ({@code profile_category}) the section gathers
 * @param documentClasses the document classes whose current documents the section lists
 */
public record SummarySection(
    String key,
    String loinc,
    String title,
    boolean required,
    Set<String> categories,
    List<String> documentClasses) {

  public static final SummarySection ALLERGIES =
      new SummarySection(
          "allergies", "48765-2", "Allergies and intolerances", true, Set.of("ALLERGY"), List.of());
  public static final SummarySection PROBLEMS =
      new SummarySection("problems", "11450-4", "Problem list", true, Set.of("HISTORY"), List.of());
  public static final SummarySection MEDICATIONS =
      new SummarySection(
          "medications", "10160-0", "Medication summary", true, Set.of("TREATMENT"), List.of());
  public static final SummarySection IMMUNIZATIONS =
      new SummarySection(
          "immunizations",
          "11369-6",
          "History of immunizations",
          false,
          Set.of("VACCINATION"),
          List.of());

  /** Results: the certified or declared blood group, and the current result documents. */
  public static final SummarySection RESULTS =
      new SummarySection(
          "results",
          "30954-2",
          "Relevant diagnostic tests/laboratory data",
          false,
          Set.of("BLOOD_GROUP"),
          List.of("LAB", "IMAGING", "PATHOLOGY"));

  public static final SummarySection VITAL_SIGNS =
      new SummarySection(
          "vitalSigns", "8716-3", "Vital signs", false, Set.of("WEIGHT", "HEIGHT"), List.of());
  public static final SummarySection ADVANCE_DIRECTIVES =
      new SummarySection(
          "advanceDirectives",
          "42348-3",
          "Advance directives",
          false,
          Set.of("ADVANCE_DIRECTIVE"),
          List.of());

  /** In the order of the IPS: required sections first. */
  public static final List<SummarySection> ALL =
      List.of(
          ALLERGIES,
          PROBLEMS,
          MEDICATIONS,
          IMMUNIZATIONS,
          RESULTS,
          VITAL_SIGNS,
          ADVANCE_DIRECTIVES);
}
