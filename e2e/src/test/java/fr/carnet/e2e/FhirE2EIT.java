package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The FHIR endpoint driven by HAPI's stock generic client, as a hospital's system would: publish
 * (ITI-65), find (ITI-67), retrieve (ITI-68), a new version, the refusals of the access rules, the
 * Patient by INS and the trail as AuditEvent; every resource Carnet returns is validated against
 * the R4 base definitions with HAPI's validator, and no error is tolerated.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirE2EIT {

  private static final String NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8";
  private static final String LOINC = "http://loinc.org";
  private static final String LAB = "11502-2";

  private final FhirContext fhir = FhirContext.forR4();
  private final List<String> nirs = new ArrayList<>();
  private CarnetServer carnet;
  private FhirValidator validator;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    ValidationSupportChain support =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(fhir),
            new InMemoryTerminologyServerValidationSupport(fhir),
            new CommonCodeSystemsTerminologyService(fhir));
    validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
  }

  private IGenericClient client(String token) {
    IGenericClient client = fhir.newRestfulGenericClient(carnet.api().base() + "/fhir");
    if (token != null) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    }
    return client;
  }

  private String gp() {
    return carnet.token("professional");
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

  private record Person(String nir, String recordId) {}

  private Person person() {
    String nir = People.newNir();
    nirs.add(nir);
    Api.Reply created =
        carnet.api().post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(nir, created.json().getString("id"));
  }

  private void agree(Person person, String token) {
    Api.Reply agreed =
        carnet
            .api()
            .post(
                "/api/v1/records/" + person.recordId() + "/agreements",
                token,
                "{\"mode\":\"NORMAL\"}");
    assertThat(agreed.status()).as(agreed.toString()).isIn(200, 201);
  }

  /** The traits of People.marie(), as the contained Patient of sourcePatientInfo. */
  private static Patient traits() {
    Patient patient = new Patient();
    patient.setId("patient");
    patient
        .addName()
        .setUse(HumanName.NameUse.OFFICIAL)
        .setFamily("DUPONT")
        .addGiven("MARIE CLAIRE");
    patient.setBirthDateElement(new DateType("1985-05-12"));
    patient.setGender(Enumerations.AdministrativeGender.FEMALE);
    Address place = new Address();
    place.addExtension(
        "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code",
        new Coding(
            "https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM",
            "75056",
            null));
    patient.addExtension("http://hl7.org/fhir/StructureDefinition/patient-birthPlace", place);
    return patient;
  }

  private static DocumentReference document(
      String nir, String system, String code, String binaryUrl) {
    DocumentReference reference = new DocumentReference();
    reference.setMasterIdentifier(
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
    reference.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    reference.setType(
        new org.hl7.fhir.r4.model.CodeableConcept().addCoding(new Coding(system, code, null)));
    reference.setSubject(
        new Reference().setIdentifier(new Identifier().setSystem(NIR_SYSTEM).setValue(nir)));
    reference.addContained(traits());
    reference.getContext().setSourcePatientInfo(new Reference("#patient"));
    reference.setDescription("Compte rendu");
    reference.setDate(new Date());
    reference
        .addContent()
        .getAttachment()
        .setContentType("application/pdf")
        .setUrl(binaryUrl)
        .setCreation(new Date());
    return reference;
  }

  /** An ITI-65 transaction: the SubmissionSet, the documents, their Binary contents. */
  private static Bundle submission(DocumentReference... documents) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    ListResource set = new ListResource();
    set.setStatus(ListResource.ListStatus.CURRENT).setMode(ListResource.ListMode.WORKING);
    set.setCode(
        new org.hl7.fhir.r4.model.CodeableConcept()
            .addCoding(
                new Coding(
                    "https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes",
                    "submissionset",
                    null)));
    String setUrl = "urn:uuid:" + UUID.randomUUID();
    bundle
        .addEntry()
        .setFullUrl(setUrl)
        .setResource(set)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("List");
    for (DocumentReference document : documents) {
      String documentUrl = "urn:uuid:" + UUID.randomUUID();
      set.addEntry().setItem(new Reference(documentUrl));
      bundle
          .addEntry()
          .setFullUrl(documentUrl)
          .setResource(document)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("DocumentReference");
      Binary binary = new Binary().setContentType("application/pdf");
      binary.setData(Documents.pdf(1500 + documents.length));
      bundle
          .addEntry()
          .setFullUrl(document.getContentFirstRep().getAttachment().getUrl())
          .setResource(binary)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Binary");
    }
    return bundle;
  }

  private static DocumentReference documentFor(String nir, String loinc) {
    return document(nir, LOINC, loinc, "urn:uuid:" + UUID.randomUUID());
  }

  private Bundle provide(String token, Bundle submission) {
    return valid(client(token).transaction().withBundle(submission).execute());
  }

  private Bundle find(String token, String recordId) {
    return valid(
        client(token)
            .search()
            .forResource(DocumentReference.class)
            .where(DocumentReference.PATIENT.hasId("Patient/" + recordId))
            .returnBundle(Bundle.class)
            .execute());
  }

  private static List<DocumentReference> documents(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> (DocumentReference) e.getResource()).toList();
  }

  /** The error code of a refusal's OperationOutcome, as the API's problem details give it. */
  private String code(BaseServerResponseException e) {
    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
    assertThat(outcome).as(e.getMessage()).isNotNull();
    // Refusals are resources Carnet returns too: valid R4 like the others.
    return valid(outcome).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  @Test
  void theCapabilityStatementTellsWhatIsThere() {
    CapabilityStatement capabilities =
        valid(client(null).capabilities().ofType(CapabilityStatement.class).execute());

    CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
    assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction");
    // HAPI also serves the definitions of its operations; nothing else is claimed.
    assertThat(rest.getResource())
        .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
        .containsExactlyInAnyOrder(
            "AuditEvent",
            "Binary",
            "DocumentReference",
            "List",
            "OperationDefinition",
            "Patient",
            "SearchParameter");
    var documents =
        rest.getResource().stream()
            .filter(r -> r.getType().equals("DocumentReference"))
            .findFirst()
            .orElseThrow();
    assertThat(documents.getSearchParam())
        .extracting(
            CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
        .contains("patient", "status", "type", "category", "date", "author");
    assertThat(documents.getInteraction())
        .extracting(i -> i.getCode().toCode())
        .containsExactlyInAnyOrder("read", "search-type");
  }

  @Test
  void xmlIsServedToClientsThatAskForIt() throws Exception {
    HttpResponse<String> xml =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(carnet.api().base() + "/fhir/metadata"))
                    .header("Accept", "application/fhir+xml")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(xml.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+xml"));
    assertThat(valid(fhir.newXmlParser().parseResource(CapabilityStatement.class, xml.body())))
        .isNotNull();
  }

  @Test
  void aHospitalPublishesFindsAndRetrievesADocument() throws Exception {
    Person person = person();
    DocumentReference lab = documentFor(person.nir(), LAB);
    Bundle submitted = submission(lab);
    byte[] content = ((Binary) submitted.getEntry().get(2).getResource()).getData();

    Bundle response = provide(gp(), submitted);

    assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
    assertThat(response.getEntry()).hasSize(3);
    Bundle.BundleEntryResponseComponent filed = response.getEntry().get(1).getResponse();
    assertThat(filed.getStatus()).startsWith("201");
    String id = filed.getLocation().replace("DocumentReference/", "");
    // The same submission again is the same document: idempotent on masterIdentifier.
    Bundle again = provide(gp(), submitted);
    assertThat(again.getEntry().get(1).getResponse().getStatus()).startsWith("200");
    assertThat(again.getEntry().get(1).getResponse().getLocation()).isEqualTo(filed.getLocation());

    agree(person, gp());
    Bundle found = find(gp(), person.recordId());
    assertThat(documents(found)).extracting(d -> d.getIdElement().getIdPart()).containsExactly(id);
    DocumentReference reference = documents(found).get(0);
    assertThat(reference.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("LAB");
    assertThat(reference.getSubject().getReference()).isEqualTo("Patient/" + person.recordId());
    assertThat(reference.getMasterIdentifier().getValue())
        .isEqualTo(lab.getMasterIdentifier().getValue());

    // ITI-68: the attachment's URL streams the bytes, with their type and hash, for this caller.
    HttpResponse<byte[]> retrieved =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(reference.getContentFirstRep().getAttachment().getUrl()))
                    .header("Authorization", "Bearer " + gp())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(retrieved.statusCode()).isEqualTo(200);
    assertThat(retrieved.body()).isEqualTo(content);
    assertThat(retrieved.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(retrieved.headers().firstValue("ETag"))
        .hasValueSatisfying(etag -> assertThat(etag).contains(sha256));
    HttpResponse<byte[]> stranger =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(reference.getContentFirstRep().getAttachment().getUrl()))
                    .header(
                        "Authorization",
                        "Bearer " + carnet.token("professional", Map.of("rpps", "10000000777")))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(stranger.statusCode()).isEqualTo(403);
  }

  @Test
  void aSearchByInsGoesInABodyNeverInAUrl() {
    Person person = person();
    provide(gp(), submission(documentFor(person.nir(), LAB)));
    agree(person, gp());

    Bundle byIns =
        valid(
            client(gp())
                .search()
                .forResource(DocumentReference.class)
                .where(
                    DocumentReference.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(NIR_SYSTEM, person.nir())))
                .usingStyle(SearchStyleEnum.POST)
                .returnBundle(Bundle.class)
                .execute());

    assertThat(documents(byIns)).hasSize(1);
    // Its links name the patient by the record's id: the NIR is not in them either.
    assertThat(byIns.getLink())
        .allSatisfy(link -> assertThat(link.getUrl()).doesNotContain(person.nir()));
    assertThatThrownBy(
            () ->
                client(gp())
                    .search()
                    .forResource(DocumentReference.class)
                    .where(
                        DocumentReference.PATIENT.hasChainedProperty(
                            Patient.IDENTIFIER
                                .exactly()
                                .systemAndIdentifier(NIR_SYSTEM, person.nir())))
                    .returnBundle(Bundle.class)
                    .execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(code(e)).isEqualTo("INS_IN_URL");
              assertThat(
                      ((OperationOutcome) e.getOperationOutcome())
                          .getIssueFirstRep()
                          .getDiagnostics())
                  .contains("POST");
            });
  }

  @Test
  void pagesFollowTheirNextLinks() {
    Person person = person();
    provide(
        gp(),
        submission(
            documentFor(person.nir(), LAB),
            documentFor(person.nir(), LAB),
            documentFor(person.nir(), LAB)));
    agree(person, gp());

    Bundle first =
        valid(
            client(gp())
                .search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.PATIENT.hasId("Patient/" + person.recordId()))
                .count(2)
                .returnBundle(Bundle.class)
                .execute());
    assertThat(first.getEntry()).hasSize(2);
    assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
    Bundle second = valid(client(gp()).loadPage().next(first).execute());

    assertThat(second.getEntry()).hasSize(1);
    assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
  }

  /**
   * HAPI flushes its JSON token by token; unbuffered, a page went out as hundreds of chunks of ~53
   * bytes. A page now leaves in one write, with its length and without chunking.
   */
  @Test
  void aSearchPageGoesOutWithItsLengthNotInChunks() throws Exception {
    Person person = person();
    provide(
        gp(),
        submission(
            documentFor(person.nir(), LAB),
            documentFor(person.nir(), LAB),
            documentFor(person.nir(), LAB)));
    agree(person, gp());

    HttpResponse<byte[]> page =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            carnet.api().base()
                                + "/fhir/DocumentReference?patient=Patient/"
                                + person.recordId()))
                    .header("Authorization", "Bearer " + gp())
                    .header("Accept", "application/fhir+json")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(page.headers().firstValueAsLong("Content-Length"))
        .hasValue((long) page.body().length);
    Bundle bundle =
        valid(
            fhir.newJsonParser()
                .parseResource(
                    Bundle.class,
                    new String(page.body(), java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(bundle.getEntry()).hasSize(3);
  }

  @Test
  void theAccessRulesRefuseAsTheyDoInTheApiAndASubmissionIsAllOrNothing() {
    Person person = person();
    provide(gp(), submission(documentFor(person.nir(), LAB)));

    // Without the patient's agreement, the GP sees nothing: the same refusal as /api/v1.
    assertThatThrownBy(() -> find(gp(), person.recordId()))
        .isInstanceOfSatisfying(
            BaseServerResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(403);
              assertThat(code(e))
                  .isEqualTo(
                      carnet
                          .api()
                          .get("/api/v1/records/" + person.recordId() + "/documents", gp())
                          .code());
            });
    // A dentist may file imaging but not a psychiatry report: the whole submission is refused, the
    // imaging report that came with it included.
    String dentist =
        carnet.token("professional", Map.of("rpps", "10000000444", "profession", "40"));
    DocumentReference acceptable =
        document(
            person.nir(), "urn:carnet:document-class", "IMAGING", "urn:uuid:" + UUID.randomUUID());
    assertThatThrownBy(
            () ->
                provide(
                    dentist,
                    submission(
                        acceptable,
                        document(
                            person.nir(),
                            "urn:carnet:document-class",
                            "PSYCHIATRY",
                            "urn:uuid:" + UUID.randomUUID()))))
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isIn(403));
    agree(person, gp());
    assertThat(documents(find(gp(), person.recordId()))).hasSize(1);
    // Traits that do not match the INS: refused, nothing filed.
    DocumentReference wrongPerson = documentFor(person.nir(), LAB);
    ((Patient) wrongPerson.getContained().get(0)).getNameFirstRep().setFamily("MARTIN");
    assertThatThrownBy(() -> provide(gp(), submission(wrongPerson)))
        .isInstanceOfSatisfying(
            BaseServerResponseException.class,
            e -> assertThat(code(e)).isEqualTo("INS_TRAITS_MISMATCH"));
    // No token, no FHIR.
    assertThatThrownBy(() -> find(null, person.recordId()))
        .isInstanceOfSatisfying(
            BaseServerResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(code(e)).isEqualTo("UNAUTHENTICATED");
            });
  }

  @Test
  void malformedSubmissionsAreRefusedWithTheirCodeAndFileNothing() {
    Person person = person();
    DocumentReference noIdentifier = documentFor(person.nir(), LAB);
    noIdentifier.setMasterIdentifier(null);
    DocumentReference partialBirthDate = documentFor(person.nir(), LAB);
    ((Patient) partialBirthDate.getContained().get(0)).setBirthDateElement(new DateType("1985"));
    Bundle withoutSubmissionSet = submission(documentFor(person.nir(), LAB));
    withoutSubmissionSet.getEntry().remove(0);

    for (Map.Entry<String, Bundle> refused :
        List.of(
            Map.entry(
                "VALIDATION_FAILED", submission(documentFor(person.nir(), LAB), noIdentifier)),
            Map.entry("TRAITS_INVALID", submission(partialBirthDate)),
            Map.entry("VALIDATION_FAILED", withoutSubmissionSet))) {
      assertThatThrownBy(() -> provide(gp(), refused.getValue()))
          .isInstanceOfSatisfying(
              BaseServerResponseException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(400);
                assertThat(code(e)).isEqualTo(refused.getKey());
              });
    }
    agree(person, gp());
    assertThat(documents(find(gp(), person.recordId()))).isEmpty();
  }

  @Test
  void aReplacingDocumentMakesANewVersion() {
    Person person = person();
    Bundle first = provide(gp(), submission(documentFor(person.nir(), LAB)));
    String oldId = first.getEntry().get(1).getResponse().getLocation();
    DocumentReference next = documentFor(person.nir(), LAB);
    next.addRelatesTo()
        .setCode(DocumentReference.DocumentRelationshipType.REPLACES)
        .setTarget(new Reference(oldId));

    Bundle second = provide(gp(), submission(next));

    String newId = second.getEntry().get(1).getResponse().getLocation();
    assertThat(newId).isNotEqualTo(oldId);
    agree(person, gp());
    assertThat(documents(find(gp(), person.recordId())))
        .extracting(d -> "DocumentReference/" + d.getIdElement().getIdPart())
        .containsExactly(newId);
    Bundle superseded =
        valid(
            client(gp())
                .search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.PATIENT.hasId("Patient/" + person.recordId()))
                .and(DocumentReference.STATUS.exactly().code("superseded"))
                .returnBundle(Bundle.class)
                .execute());
    assertThat(documents(superseded))
        .extracting(d -> d.getStatus())
        .containsExactly(Enumerations.DocumentReferenceStatus.SUPERSEDED);
  }

  @Test
  void thePatientIsFoundByInsAndTraitsThenReadByRecordId() {
    Person person = person();
    Patient found =
        (Patient)
            valid(
                    client(gp())
                        .search()
                        .forResource(Patient.class)
                        .where(
                            Patient.IDENTIFIER
                                .exactly()
                                .systemAndIdentifier(NIR_SYSTEM, person.nir()))
                        .and(Patient.FAMILY.matches().value("DUPONT"))
                        .and(Patient.GIVEN.matches().value("MARIE CLAIRE"))
                        .and(Patient.BIRTHDATE.exactly().day("1985-05-12"))
                        .and(Patient.GENDER.exactly().code("female"))
                        .and(
                            new ca.uhn.fhir.rest.gclient.StringClientParam("birthplace")
                                .matches()
                                .value("75056"))
                        .usingStyle(SearchStyleEnum.POST)
                        .returnBundle(Bundle.class)
                        .execute())
                .getEntryFirstRep()
                .getResource();

    assertThat(found.getIdElement().getIdPart()).isEqualTo(person.recordId());
    assertThat(found.getIdentifierFirstRep().getValue()).isEqualTo(person.nir());
    Patient read =
        valid(client(gp()).read().resource(Patient.class).withId(person.recordId()).execute());
    assertThat(read.getNameFirstRep().getFamily()).isEqualTo("DUPONT");
    assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1985-05-12");
    // A patient's token may not look records up; an auditor neither.
    assertThatThrownBy(
            () ->
                client(carnet.token("auditor"))
                    .read()
                    .resource(Patient.class)
                    .withId(person.recordId())
                    .execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
  }

  @Test
  void auditorsReadTheTrailAsAuditEvents() {
    Person person = person();
    provide(gp(), submission(documentFor(person.nir(), LAB)));

    Bundle events =
        valid(
            client(carnet.token("auditor"))
                .search()
                .forResource(AuditEvent.class)
                .where(AuditEvent.ENTITY.hasId("Patient/" + person.recordId()))
                .and(AuditEvent.SUBTYPE.exactly().code("DOCUMENT_PUBLISH"))
                .returnBundle(Bundle.class)
                .execute());

    assertThat(events.getEntry()).hasSize(1);
    AuditEvent event = (AuditEvent) events.getEntryFirstRep().getResource();
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(event.getAgentFirstRep().getWho().getIdentifier().getSystem())
        .isEqualTo("urn:oid:1.2.250.1.71.4.2.1");
    assertThatThrownBy(
            () ->
                client(gp())
                    .search()
                    .forResource(AuditEvent.class)
                    .returnBundle(Bundle.class)
                    .execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
  }

  @Test
  void noNirReachesTheLogsOrTheTraces() {
    Person person = person();
    provide(gp(), submission(documentFor(person.nir(), LAB)));
    String export =
        carnet
            .api()
            .get("/api/v1/audit/export?record=" + person.recordId(), carnet.token("auditor"))
            .body();

    assertThat(export).contains("DOCUMENT_PUBLISH").doesNotContain(person.nir());
    carnet.assertLogsFreeOf(nirs);
  }
}
