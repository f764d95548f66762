package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The patient summary, {@code GET /fhir/Patient/{id}/$summary} through HAPI's stock generic client
 * and {@code GET /api/v1/records/{id}/summary}: an IPS-shaped document Bundle, valid R4 by HAPI's
 * validator, whose sections carry the LOINC codes of the IPS and whose entries each carry their
 * Provenance; nothing in it the caller may not see (a masked document for another GP, a minor's
 * secrets for the parent); one trace per request, refusals included.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientSummaryE2EIT {

  private static final String LOINC = "http://loinc.org";
  private static final String OTHER_GP = "10202020202";

  private final FhirContext fhir = FhirContext.forR4();
  private CarnetServer carnet;
  private Api api;
  private FhirValidator validator;
  private String gp;
  private String otherGp;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional");
    this.otherGp = carnet.token("professional", Map.of("rpps", OTHER_GP));
    fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    ValidationSupportChain support =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(fhir),
            new InMemoryTerminologyServerValidationSupport(fhir),
            new CommonCodeSystemsTerminologyService(fhir));
    validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
  }

  // ---- Helpers -------------------------------------------------------------------------------

  private IGenericClient client(String token) {
    IGenericClient client = fhir.newRestfulGenericClient(api.base() + "/fhir");
    client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    return client;
  }

  /** The $summary operation on the record's Patient, validated. */
  private Bundle summary(String token, String recordId) {
    Bundle bundle =
        client(token)
            .operation()
            .onInstance(new IdType("Patient", recordId))
            .named("$summary")
            .withNoParameters(Parameters.class)
            .useHttpGet()
            .returnResourceType(Bundle.class)
            .execute();
    return valid(bundle);
  }

  /** Fails on any error of the R4 base validation, in the resource and in what it bundles. */
  private <T extends IBaseResource> T valid(T resource) {
    List<SingleValidationMessage> errors =
        validator.validateWithResult(resource).getMessages().stream()
            .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
            .toList();
    assertThat(errors)
        .as(() -> fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource))
        .isEmpty();
    return resource;
  }

  /** The error code of a refused $summary, from its (valid) OperationOutcome. */
  private String refusal(String token, String recordId) {
    try {
      summary(token, recordId);
    } catch (BaseServerResponseException e) {
      OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
      assertThat(outcome).as(e.getMessage()).isNotNull();
      return e.getStatusCode()
          + " "
          + valid(outcome).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }
    throw new AssertionError("The summary was not refused");
  }

  private record Person(String nir, String id, String patient) {
    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }
  }

  private Person person() {
    String nir = People.newNir();
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(
        nir, created.json().getString("id"), carnet.token("patient", Map.of("ins", nir)));
  }

  private void agree(Person person, String token) {
    Api.Reply agreed = api.post(person.path("/agreements"), token, "{\"mode\":\"NORMAL\"}");
    assertThat(agreed.status()).as(agreed.toString()).isIn(200, 201);
  }

  private String publish(String token, String body) {
    Api.Reply published = api.post("/api/v1/documents", token, body);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().getString("id");
  }

  private String entry(
      String path, String token, String category, String label, String value, boolean secret) {
    Api.Reply added =
        api.post(
            path + "/profile",
            token,
            "{\"category\":\""
                + category
                + "\",\"label\":\""
                + label
                + "\",\"value\":\""
                + value
                + "\",\"hiddenFromRepresentatives\":"
                + secret
                + "}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return added.json().getString("id");
  }

  private static Composition composition(Bundle bundle) {
    return (Composition) bundle.getEntryFirstRep().getResource();
  }

  private static Map<String, Composition.SectionComponent> sections(Bundle bundle) {
    return composition(bundle).getSection().stream()
        .collect(Collectors.toMap(s -> s.getCode().getCodingFirstRep().getCode(), s -> s));
  }

  private static Resource resolve(Bundle bundle, Reference reference) {
    return bundle.getEntry().stream()
        .filter(e -> e.getFullUrl().equals(reference.getReference()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("Not in the bundle: " + reference.getReference()))
        .getResource();
  }

  private static List<Resource> entriesOf(Bundle bundle, String loinc) {
    Composition.SectionComponent section = sections(bundle).get(loinc);
    assertThat(section).as("section " + loinc).isNotNull();
    return section.getEntry().stream().map(r -> resolve(bundle, r)).toList();
  }

  /** The ids of the resources in the bundle (entries carry their Carnet ids). */
  private static Set<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> id(e.getResource())).collect(Collectors.toSet());
  }

  /** A resource's Carnet id: HAPI's parser takes a bundled resource's id from its urn:uuid. */
  private static String id(Resource resource) {
    return resource.getIdElement().getIdPart().replace("urn:uuid:", "");
  }

  private static Provenance provenanceOf(Bundle bundle, String fullUrl) {
    List<Provenance> found =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(r -> r instanceof Provenance)
            .map(Provenance.class::cast)
            .filter(p -> p.getTarget().stream().anyMatch(t -> t.getReference().equals(fullUrl)))
            .toList();
    assertThat(found).as("the provenance of " + fullUrl).hasSize(1);
    return found.get(0);
  }

  private List<JsonObject> summaryTraces(String recordId) {
    Api.Reply page =
        api.get(
            "/api/v1/audit/traces?limit=500&action=SUMMARY_READ&record=" + recordId,
            carnet.token("auditor"));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private List<String> actionsOf(String recordId) {
    Api.Reply page =
        api.get("/api/v1/audit/traces?limit=500&record=" + recordId, carnet.token("auditor"));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(t -> t.getString("action") + " " + t.getString("outcome"))
        .toList();
  }

  // ---- Shape, validity, provenance -------------------------------------------------------------

  @Test
  void theSummaryIsAValidIpsDocumentWhoseEntriesEachCarryTheirProvenance() {
    Person person = person();
    String lab = publish(gp, Documents.about(person.nir(), People.marie(), "11502-2", false));
    String allergy =
        entry(person.path(""), person.patient(), "ALLERGY", "Pénicilline <b>&</b>", "", false);
    String vaccine = entry(person.path(""), gp, "VACCINATION", "Tétanos", "rappel 2026", false);
    entry(person.path(""), gp, "TREATMENT", "Lévothyroxine", "75 µg le matin", false);
    entry(person.path(""), gp, "HISTORY", "Appendicectomie", "2001", false);
    entry(person.path(""), gp, "WEIGHT", "Poids", "64,5 kg", false);
    entry(person.path(""), gp, "HEIGHT", "Taille", "1.68 m", false);
    String bloodService =
        carnet.token(
            "professional", Map.of("rpps", "10303030303", "finess", CarnetServer.CERTIFIED_FINESS));
    String group = entry(person.path(""), bloodService, "BLOOD_GROUP", "Groupe", "A+", false);
    agree(person, gp);

    Bundle bundle = summary(gp, person.id());

    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
    assertThat(bundle.getIdentifier().getValue()).startsWith("urn:uuid:");
    assertThat(bundle.getTimestamp()).isNotNull();
    Composition composition = composition(bundle);
    assertThat(composition.getType().getCodingFirstRep().getSystem()).isEqualTo(LOINC);
    assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
    assertThat(composition.getIdentifier().getValue()).startsWith("urn:uuid:");
    assertThat(composition.getSubject().getReference()).isEqualTo("urn:uuid:" + person.id());
    Patient patient =
        (Patient)
            bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient)
                .findFirst()
                .orElseThrow()
                .getResource();
    assertThat(id(patient)).isEqualTo(person.id());
    // The GP has an agreement: the INS, as a lookup would show it.
    assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(person.nir());
    assertThat(resolve(bundle, composition.getAuthorFirstRep()).fhirType())
        .isEqualTo("Organization");
    assertThat(sections(bundle).keySet())
        .containsExactlyInAnyOrder("48765-2", "11450-4", "10160-0", "11369-6", "30954-2", "8716-3");
    sections(bundle).values().forEach(s -> assertThat(s.hasEmptyReason()).isFalse());

    AllergyIntolerance allergyIntolerance =
        (AllergyIntolerance) entriesOf(bundle, "48765-2").get(0);
    assertThat(allergyIntolerance.getCode().getText()).isEqualTo("Pénicilline <b>&</b>");
    // What the patient typed is text in the narrative, never markup.
    assertThat(sections(bundle).get("48765-2").getText().getDivAsString())
        .contains("&lt;b&gt;")
        .doesNotContain("<b>");
    assertThat(entriesOf(bundle, "11450-4"))
        .singleElement()
        .extracting(Resource::fhirType)
        .isEqualTo("Condition");
    assertThat(entriesOf(bundle, "10160-0"))
        .singleElement()
        .isInstanceOf(MedicationStatement.class);
    assertThat(entriesOf(bundle, "11369-6")).singleElement().isInstanceOf(Immunization.class);
    List<Resource> results = entriesOf(bundle, "30954-2");
    assertThat(results)
        .extracting(Resource::fhirType)
        .containsExactlyInAnyOrder("Observation", "DocumentReference");
    assertThat(
            results.stream()
                .filter(r -> r instanceof DocumentReference)
                .map(PatientSummaryE2EIT::id))
        .containsExactly(lab);
    List<Resource> vitals = entriesOf(bundle, "8716-3");
    assertThat(vitals)
        .extracting(r -> ((Observation) r).getValueQuantity().getValue().doubleValue())
        .containsExactlyInAnyOrder(64.5, 168.0);

    // Each entry has its Provenance: who entered it (the patient, a professional by RPPS, a
    // certified organisation by FINESS), when, and for a document, the document itself.
    int provenances = 0;
    for (Composition.SectionComponent section : composition.getSection()) {
      for (Reference reference : section.getEntry()) {
        Provenance provenance = provenanceOf(bundle, reference.getReference());
        assertThat(provenance.getRecorded()).isNotNull();
        assertThat(
                provenance.getAgentFirstRep().getWho().hasReference()
                    || provenance.getAgentFirstRep().getWho().hasIdentifier())
            .isTrue();
        provenances++;
      }
    }
    assertThat(provenances).isEqualTo(8);
    Provenance selfDeclared = provenanceOf(bundle, "urn:uuid:" + allergy);
    assertThat(selfDeclared.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("PATIENT");
    assertThat(selfDeclared.getAgentFirstRep().getWho().getReference())
        .isEqualTo("urn:uuid:" + person.id());
    Provenance byTheGp = provenanceOf(bundle, "urn:uuid:" + vaccine);
    assertThat(byTheGp.getAgentFirstRep().getWho().getIdentifier().getValue())
        .isEqualTo("10101010101");
    Provenance certified = provenanceOf(bundle, "urn:uuid:" + group);
    assertThat(certified.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("CERTIFIED");
    assertThat(certified.getAgentFirstRep().getOnBehalfOf().getIdentifier().getValue())
        .isEqualTo(CarnetServer.CERTIFIED_FINESS);
    Provenance ofTheDocument = provenanceOf(bundle, "urn:uuid:" + lab);
    assertThat(ofTheDocument.getEntityFirstRep().getWhat().getIdentifier().getValue())
        .isEqualTo(
            ((DocumentReference) resolve(bundle, new Reference("urn:uuid:" + lab)))
                .getMasterIdentifier()
                .getValue());

    // The same content in Carnet's JSON, for apps: sections by the same codes, provenance shown.
    Api.Reply json = api.get(person.path("/summary"), person.patient());
    assertThat(json.status()).as(json.toString()).isEqualTo(200);
    List<JsonObject> sections = json.json().getJsonArray("sections").getValuesAs(JsonObject.class);
    assertThat(sections)
        .extracting(s -> s.getString("code"))
        .containsExactly("48765-2", "11450-4", "10160-0", "11369-6", "30954-2", "8716-3");
    JsonObject allergies = sections.get(0);
    assertThat(allergies.getString("key")).isEqualTo("allergies");
    assertThat(allergies.getJsonArray("entries").getJsonObject(0).getString("source"))
        .isEqualTo("PATIENT");
    JsonObject resultsJson = sections.get(4);
    assertThat(resultsJson.getJsonArray("documents").getJsonObject(0).getString("id"))
        .isEqualTo(lab);
    assertThat(
            resultsJson
                .getJsonArray("entries")
                .getJsonObject(0)
                .getJsonObject("author")
                .getString("finess"))
        .isEqualTo(CarnetServer.CERTIFIED_FINESS);
    assertThat(json.json().getJsonObject("patient").getJsonObject("ins").getString("number"))
        .isEqualTo(person.nir());
  }

  @Test
  void anEmptyRecordGivesTheRequiredSectionsWithTheirEmptyReasonAndNothingElse() {
    Person person = person();

    Bundle bundle = summary(person.patient(), person.id());

    Map<String, Composition.SectionComponent> sections = sections(bundle);
    assertThat(sections.keySet()).containsExactlyInAnyOrder("48765-2", "11450-4", "10160-0");
    sections
        .values()
        .forEach(
            s -> {
              assertThat(s.getEmptyReason().getCodingFirstRep().getCode()).isEqualTo("unavailable");
              assertThat(s.getEntry()).isEmpty();
            });
    Api.Reply json = api.get(person.path("/summary"), person.patient());
    assertThat(json.json().getJsonArray("sections").getValuesAs(JsonObject.class))
        .allSatisfy(s -> assertThat(s.getString("emptyReason")).isEqualTo("unavailable"));
    // The native endpoint is in the OpenAPI document.
    assertThat(api.get("/openapi", null).body())
        .contains("/api/v1/records/{recordId}/summary:")
        .contains("SummaryJson");
  }

  // ---- Nothing the caller may not see ----------------------------------------------------------

  @Test
  void aMaskedDocumentIsAbsentForAnotherGpAndPresentForItsAuthor() {
    Person person = person();
    String masked = publish(gp, Documents.about(person.nir(), People.marie(), "11502-2", false));
    String plain = publish(gp, Documents.about(person.nir(), People.marie(), "11502-2", false));
    Api.Reply mask = api.send("PUT", person.path("/masks/" + masked), person.patient(), null, null);
    assertThat(mask.status()).as(mask.toString()).isEqualTo(204);
    agree(person, gp);
    agree(person, otherGp);

    Bundle forTheOtherGp = summary(otherGp, person.id());
    Bundle forTheAuthor = summary(gp, person.id());

    assertThat(ids(forTheOtherGp)).contains(plain).doesNotContain(masked);
    assertThat(fhir.newJsonParser().encodeResourceToString(forTheOtherGp)).doesNotContain(masked);
    assertThat(ids(forTheAuthor)).contains(plain, masked);
    Api.Reply json = api.get(person.path("/summary"), otherGp);
    assertThat(json.body()).contains(plain).doesNotContain(masked);
    // Once designated GP, the other GP sees what the patient masked.
    Api.Reply designated =
        api.send(
            "PUT",
            person.path("/designated-gp"),
            person.patient(),
            "application/json",
            "{\"rpps\":\"" + OTHER_GP + "\"}");
    assertThat(designated.status()).as(designated.toString()).isEqualTo(200);
    assertThat(ids(summary(otherGp, person.id()))).contains(masked);
  }

  @Test
  void aRepresentativeDoesNotSeeTheMinorsSecrets() {
    String childNir = People.newChildNir();
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + ",\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String childId = created.json().getString("id");
    String parentNir = People.newNir();
    assertThat(
            api.post("/api/v1/records", carnet.token("admin"), People.createBody(parentNir, true))
                .status())
        .isEqualTo(201);
    Api.Reply registered =
        api.post(
            "/api/v1/records/" + childId + "/representatives",
            carnet.token("agent"),
            "{\"ins\":"
                + People.ins(parentNir)
                + ",\"traits\":"
                + People.marie()
                + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    Api.Reply approved =
        api.post(
            "/api/v1/records/"
                + childId
                + "/representatives/"
                + registered.json().getString("id")
                + "/approval",
            carnet.token("admin"),
            "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    String child = carnet.token("patient", Map.of("ins", childNir));
    String parent = carnet.token("patient", Map.of("ins", parentNir));
    String path = "/api/v1/records/" + childId;
    String secretEntry = entry(path, gp, "TREATMENT", "Contraception orale", "", true);
    String plainEntry = entry(path, gp, "VACCINATION", "ROR", "2016", false);
    String secretDocument = publish(gp, Documents.about(childNir, People.child(), "11502-2", true));
    String plainDocument = publish(gp, Documents.about(childNir, People.child(), "11502-2", false));

    Bundle forTheParent = summary(parent, childId);
    Bundle forTheChild = summary(child, childId);

    String parentView = fhir.newJsonParser().encodeResourceToString(forTheParent);
    assertThat(ids(forTheParent)).contains(plainEntry, plainDocument);
    assertThat(parentView)
        .doesNotContain(secretEntry)
        .doesNotContain(secretDocument)
        .doesNotContain("Contraception");
    // The medications section is there, empty as any other: nothing says something is hidden.
    assertThat(sections(forTheParent).get("10160-0").getEmptyReason().getCodingFirstRep().getCode())
        .isEqualTo("unavailable");
    assertThat(ids(forTheChild)).contains(secretEntry, secretDocument, plainEntry, plainDocument);
    Api.Reply json = api.get(path + "/summary", parent);
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.body())
        .contains(plainEntry)
        .doesNotContain(secretEntry)
        .doesNotContain(secretDocument)
        .doesNotContain("Contraception");
  }

  // ---- Who may ask, and the trail --------------------------------------------------------------

  @Test
  void refusalsAreTracedAndEachRequestLeavesExactlyOneTrace() {
    Person person = person();
    Person other = person();
    publish(gp, Documents.about(person.nir(), People.marie(), "11502-2", false));
    entry(person.path(""), person.patient(), "ALLERGY", "Arachide", "", false);
    String blocked = carnet.token("professional", Map.of("rpps", "10707070717"));
    agree(person, blocked);
    assertThat(
            api.send("PUT", person.path("/blocks/10707070717"), person.patient(), null, null)
                .status())
        .isEqualTo(204);
    List<String> before = actionsOf(person.id());

    // The table of refusals, through FHIR and the API alike.
    assertThat(refusal(otherGp, person.id())).isEqualTo("403 NO_AGREEMENT");
    assertThat(api.get(person.path("/summary"), otherGp).code()).isEqualTo("NO_AGREEMENT");
    assertThat(refusal(blocked, person.id())).isEqualTo("404 RECORD_NOT_FOUND");
    assertThat(api.get(person.path("/summary"), blocked).code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(refusal(carnet.token("agent"), person.id())).isEqualTo("403 FORBIDDEN");
    assertThat(api.get(person.path("/summary"), carnet.token("agent")).status()).isEqualTo(403);
    assertThat(refusal(other.patient(), person.id())).isEqualTo("404 RECORD_NOT_FOUND");
    assertThat(api.get(person.path("/summary"), other.patient()).code())
        .isEqualTo("RECORD_NOT_FOUND");
    // Permitted: the patient, a GP with an agreement, an emergency doctor breaking the glass.
    summary(person.patient(), person.id());
    agree(person, gp);
    summary(gp, person.id());
    String emergency =
        carnet.token("professional", Map.of("rpps", "10505050515", "specialty", "emergency"));
    Api.Reply opened =
        api.post(
            person.path("/agreements"),
            emergency,
            "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Patient inconscient\"}");
    assertThat(opened.status()).as(opened.toString()).isIn(200, 201);
    assertThat(entriesOf(summary(emergency, person.id()), "48765-2")).hasSize(1);

    List<JsonObject> traces = summaryTraces(person.id());
    assertThat(traces)
        .extracting(t -> t.getString("outcome") + " " + t.getString("reason"))
        .containsExactly(
            "PERMIT AGREEMENT_BREAK_GLASS",
            "PERMIT AGREEMENT_NORMAL",
            "PERMIT OWN_RECORD",
            "DENY NOT_OWN_RECORD",
            "DENY NOT_OWN_RECORD",
            "DENY ROLE_NOT_ALLOWED",
            "DENY ROLE_NOT_ALLOWED",
            "DENY BLOCKED_BY_PATIENT",
            "DENY BLOCKED_BY_PATIENT",
            "DENY NO_AGREEMENT",
            "DENY NO_AGREEMENT");
    // A summary is one read: no search, no profile read beside it, and the detail names what it
    // gave, for the auditors.
    List<String> after = actionsOf(person.id());
    List<String> added = new java.util.ArrayList<>(after.subList(0, after.size() - before.size()));
    added.removeIf(a -> a.startsWith("AUDIT_SEARCH"));
    assertThat(traces.get(0).getString("mode")).isEqualTo("BREAK_GLASS");
    List<String> expected = new java.util.ArrayList<>();
    expected.add("SUMMARY_READ PERMIT");
    expected.add("GRANT_CREATE PERMIT");
    expected.add("SUMMARY_READ PERMIT");
    expected.add("GRANT_CREATE PERMIT");
    expected.add("SUMMARY_READ PERMIT");
    expected.addAll(java.util.Collections.nCopies(8, "SUMMARY_READ DENY"));
    assertThat(added).containsExactlyElementsOf(expected);
    assertThat(traces.get(0).getString("detail")).startsWith("documents:").contains("entries:");
    // The patient's history says it in words.
    Api.Reply history = api.get(person.path("/access-history?limit=50"), person.patient());
    assertThat(history.body()).contains("a consulté la synthèse de votre dossier");
  }

  @Test
  void anUnknownIdIsRefusedAsAbsent() {
    assertThat(refusal(gp, UUID.randomUUID().toString())).startsWith("404");
    assertThatThrownBy(() -> summary(gp, "not-a-uuid"))
        .isInstanceOf(BaseServerResponseException.class);
  }
}
