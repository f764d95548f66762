package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
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
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IHE MHD whole, as a Document Source and a Document Consumer would drive it with HAPI's stock
 * generic client: Provide Document Bundle (ITI-65) answered 201 with a location for every entry,
 * each location followed (List, DocumentReference, Binary in both its forms), Find Document Lists
 * (ITI-66) through the access rules, {@code _lastUpdated}, and Carnet's {@code new-for=me} before
 * and after reading. Every resource returned is R4-valid (HAPI's validator, no error tolerated),
 * and the refusals are the access rules': another GP without agreement gets nothing, a masked
 * document is absent from a List's entries for whoever may not see it.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MhdE2EIT {

  private static final String NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8";
  private static final String LOINC = "http://loinc.org";
  private static final String LAB = "11502-2";
  private static final String LIST_TYPES =
      "https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes";

  private final FhirContext fhir = FhirContext.forR4();
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

  /** Another GP of another practice: no agreement until they declare one. */
  private String otherGp() {
    return carnet.token("professional", Map.of("rpps", "10000000888", "finess", "750000888"));
  }

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

  private void mask(Person person, String documentId) {
    Api.Reply masked =
        carnet
            .api()
            .send(
                "PUT",
                "/api/v1/records/" + person.recordId() + "/masks/" + documentId,
                carnet.token("patient", Map.of("ins", person.nir())),
                null,
                null);
    assertThat(masked.status()).as(masked.toString()).isEqualTo(204);
  }

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

  private static DocumentReference document(String nir) {
    DocumentReference reference = new DocumentReference();
    reference.setMasterIdentifier(
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
    reference.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    reference.setType(new CodeableConcept().addCoding(new Coding(LOINC, LAB, null)));
    reference.setSubject(
        new Reference().setIdentifier(new Identifier().setSystem(NIR_SYSTEM).setValue(nir)));
    reference.addContained(traits());
    reference.getContext().setSourcePatientInfo(new Reference("#patient"));
    reference.setDescription("Compte rendu de biologie");
    reference.setDate(new Date());
    reference
        .addContent()
        .getAttachment()
        .setContentType("application/pdf")
        .setUrl("urn:uuid:" + UUID.randomUUID())
        .setCreation(new Date());
    return reference;
  }

  /** An ITI-65 transaction: the SubmissionSet with its MHD metadata, documents, Binaries. */
  private static Bundle submission(DocumentReference... documents) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    ListResource set = new ListResource();
    set.setStatus(ListResource.ListStatus.CURRENT).setMode(ListResource.ListMode.WORKING);
    set.setCode(new CodeableConcept().addCoding(new Coding(LIST_TYPES, "submissionset", null)));
    set.addIdentifier()
        .setUse(Identifier.IdentifierUse.USUAL)
        .setSystem("urn:ietf:rfc:3986")
        .setValue("urn:oid:1.2.250.1.999." + Math.abs(UUID.randomUUID().getLeastSignificantBits()));
    set.addExtension(
        "https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-sourceId",
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:1.2.250.1.999.1"));
    set.addExtension(
        "https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-designationType",
        new CodeableConcept().addCoding(new Coding(LOINC, "11502-2", null)));
    set.setTitle("Résultats du laboratoire");
    set.setDate(new Date());
    bundle
        .addEntry()
        .setFullUrl("urn:uuid:" + UUID.randomUUID())
        .setResource(set)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("List");
    int size = 1700;
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
      binary.setData(Documents.pdf(size++));
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

  private Bundle provide(String token, Bundle submission) {
    return valid(client(token).transaction().withBundle(submission).execute());
  }

  /** The ids of a provided bundle's entries of a type, from their locations. */
  private static List<String> located(Bundle response, String type) {
    return response.getEntry().stream()
        .map(e -> e.getResponse().getLocation())
        .filter(l -> l.startsWith(type + "/"))
        .map(l -> l.substring(type.length() + 1))
        .toList();
  }

  private Bundle lists(String token, Person person) {
    return valid(
        client(token)
            .search()
            .forResource(ListResource.class)
            .where(ListResource.PATIENT.hasId("Patient/" + person.recordId()))
            .and(ListResource.CODE.exactly().systemAndCode(LIST_TYPES, "submissionset"))
            .returnBundle(Bundle.class)
            .execute());
  }

  private Bundle newFor(String token, Person person) {
    return valid(
        client(token)
            .search()
            .forResource(DocumentReference.class)
            .where(DocumentReference.PATIENT.hasId("Patient/" + person.recordId()))
            .and(new TokenClientParam("new-for").exactly().code("me"))
            .returnBundle(Bundle.class)
            .execute());
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }

  /** The submitter's uniqueId, as the List found gives it back. */
  private static String uniqueId(ListResource list) {
    return list.getIdentifier().stream()
        .filter(i -> i.getUse() == Identifier.IdentifierUse.USUAL)
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static List<String> entries(ListResource list) {
    return list.getEntry().stream()
        .map(e -> e.getItem().getReferenceElement().getIdPart())
        .toList();
  }

  private HttpResponse<byte[]> raw(String path, String token, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(carnet.api().base() + "/fhir/" + path))
            .header("Authorization", "Bearer " + token);
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String code(BaseServerResponseException e) {
    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
    assertThat(outcome).as(e.getMessage()).isNotNull();
    return valid(outcome).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  @Test
  void everyEntryOfAProvidedBundleIsCreatedWhereItsLocationSays() throws Exception {
    Person person = person();
    Bundle submitted = submission(document(person.nir()), document(person.nir()));
    byte[] first = ((Binary) submitted.getEntry().get(2).getResource()).getData();

    Bundle response = provide(gp(), submitted);

    assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
    assertThat(response.getEntry()).hasSize(5);
    assertThat(response.getEntry())
        .allSatisfy(
            e -> {
              assertThat(e.getResponse().getStatus()).isEqualTo("201 Created");
              assertThat(e.getResponse().getLocation())
                  .matches("(List|DocumentReference|Binary)/[0-9a-f-]{36}");
            });
    List<String> documents = located(response, "DocumentReference");
    assertThat(located(response, "Binary")).isEqualTo(documents);
    String setId = located(response, "List").get(0);

    agree(person, gp());
    // Each location, followed.
    ListResource set =
        valid(client(gp()).read().resource(ListResource.class).withId(setId).execute());
    assertThat(entries(set)).isEqualTo(documents);
    assertThat(set.getSubject().getReference()).isEqualTo("Patient/" + person.recordId());
    assertThat(set.getCode().getCodingFirstRep().getCode()).isEqualTo("submissionset");
    assertThat(set.getTitle()).isEqualTo("Résultats du laboratoire");
    assertThat(set.getMeta().getLastUpdated()).isNotNull();
    DocumentReference reference =
        valid(
            client(gp())
                .read()
                .resource(DocumentReference.class)
                .withId(documents.get(0))
                .execute());
    assertThat(reference.getMasterIdentifier().getValue())
        .isEqualTo(
            ((DocumentReference) submitted.getEntry().get(1).getResource())
                .getMasterIdentifier()
                .getValue());
    Binary binary =
        valid(client(gp()).read().resource(Binary.class).withId(documents.get(0)).execute());
    assertThat(binary.getContentType()).isEqualTo("application/pdf");
    assertThat(binary.getData()).isEqualTo(first);
    HttpResponse<byte[]> bytes = raw("Binary/" + documents.get(0), gp(), null);
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
    assertThat(bytes.body()).isEqualTo(first);
    HttpResponse<byte[]> json = raw("Binary/" + documents.get(0), gp(), "application/fhir+json");
    assertThat(json.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
    assertThat(
            valid(fhir.newJsonParser().parseResource(Binary.class, new String(json.body())))
                .getData())
        .isEqualTo(first);

    // The same submission again: the same set and documents, answered 200 where they are.
    Bundle again = provide(gp(), submitted);
    assertThat(again.getEntry())
        .extracting(e -> e.getResponse().getStatus())
        .containsOnly("200 OK");
    assertThat(again.getEntry())
        .extracting(e -> e.getResponse().getLocation())
        .isEqualTo(response.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
    assertThat(ids(lists(gp(), person))).containsExactly(setId);
  }

  @Test
  void findDocumentListsShowsOnlyWhatTheCallerMaySee() throws Exception {
    Person person = person();
    Date before = new Date(System.currentTimeMillis() - 2_000);
    Bundle response = provide(gp(), submission(document(person.nir()), document(person.nir())));
    String setId = located(response, "List").get(0);
    List<String> documents = located(response, "DocumentReference");
    agree(person, gp());

    Bundle found = lists(gp(), person);
    assertThat(ids(found)).containsExactly(setId);
    assertThat(entries((ListResource) found.getEntryFirstRep().getResource())).isEqualTo(documents);
    Bundle current =
        valid(
            client(gp())
                .search()
                .forResource(ListResource.class)
                .where(ListResource.PATIENT.hasId("Patient/" + person.recordId()))
                .and(ListResource.STATUS.exactly().code("current"))
                .lastUpdated(
                    new DateRangeParam()
                        .setLowerBound(
                            new ca.uhn.fhir.rest.param.DateParam(
                                ParamPrefixEnum.GREATERTHAN_OR_EQUALS, before)))
                .returnBundle(Bundle.class)
                .execute());
    assertThat(ids(current)).containsExactly(setId);
    Bundle olderThanIt =
        valid(
            client(gp())
                .search()
                .forResource(ListResource.class)
                .where(ListResource.PATIENT.hasId("Patient/" + person.recordId()))
                .lastUpdated(
                    new DateRangeParam()
                        .setUpperBound(
                            new ca.uhn.fhir.rest.param.DateParam(ParamPrefixEnum.LESSTHAN, before)))
                .returnBundle(Bundle.class)
                .execute());
    assertThat(olderThanIt.getEntry()).isEmpty();
    Bundle folders =
        valid(
            client(gp())
                .search()
                .forResource(ListResource.class)
                .where(ListResource.PATIENT.hasId("Patient/" + person.recordId()))
                .and(ListResource.CODE.exactly().systemAndCode(LIST_TYPES, "folder"))
                .returnBundle(Bundle.class)
                .execute());
    assertThat(folders.getEntry()).isEmpty();
    for (String identifier :
        List.of(
            "urn:uuid:" + setId, uniqueId((ListResource) found.getEntryFirstRep().getResource()))) {
      Bundle byIdentifier =
          valid(
              client(gp())
                  .search()
                  .forResource(ListResource.class)
                  .where(ListResource.PATIENT.hasId("Patient/" + person.recordId()))
                  .and(ListResource.IDENTIFIER.exactly().code(identifier))
                  .returnBundle(Bundle.class)
                  .execute());
      assertThat(ids(byIdentifier)).as(identifier).containsExactly(setId);
    }

    // Another GP, without the patient's agreement: nothing, by any path.
    String other = otherGp();
    assertThatThrownBy(() -> lists(other, person))
        .isInstanceOfSatisfying(
            BaseServerResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(403);
              assertThat(code(e)).isEqualTo("NO_AGREEMENT");
            });
    assertThatThrownBy(
            () -> client(other).read().resource(ListResource.class).withId(setId).execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                client(other)
                    .read()
                    .resource(DocumentReference.class)
                    .withId(documents.get(0))
                    .execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isIn(403, 404));
    HttpResponse<byte[]> refused = raw("Binary/" + documents.get(0), other, null);
    assertThat(refused.statusCode()).isIn(403, 404);
    assertThat(new String(refused.body())).doesNotContain("%PDF");

    // Agreed, the other GP sees the List whole. The patient masks the first document: the List is
    // no longer there for the other GP (its title and designation describe the masked one too;
    // shown whole or not at all), not even found by its identifier; the second document is still
    // found by a search of documents. Its author still sees the List whole.
    agree(person, other);
    assertThat(
            entries(
                valid(client(other).read().resource(ListResource.class).withId(setId).execute())))
        .isEqualTo(documents);
    mask(person, documents.get(0));
    assertThat(lists(other, person).getEntry()).isEmpty();
    Bundle byItsIdentifier =
        valid(
            client(other)
                .search()
                .forResource(ListResource.class)
                .where(ListResource.PATIENT.hasId("Patient/" + person.recordId()))
                .and(ListResource.IDENTIFIER.exactly().code("urn:uuid:" + setId))
                .returnBundle(Bundle.class)
                .execute());
    assertThat(byItsIdentifier.getEntry()).isEmpty();
    assertThat(
            valid(
                    client(other)
                        .read()
                        .resource(DocumentReference.class)
                        .withId(documents.get(1))
                        .execute())
                .getIdElement()
                .getIdPart())
        .isEqualTo(documents.get(1));
    assertThat(entries((ListResource) lists(gp(), person).getEntryFirstRep().getResource()))
        .isEqualTo(documents);
    mask(person, documents.get(1));
    assertThat(lists(other, person).getEntry()).isEmpty();
    assertThatThrownBy(
            () -> client(other).read().resource(ListResource.class).withId(setId).execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThat(ids(lists(gp(), person))).containsExactly(setId);
  }

  @Test
  void documentsAreFoundByTheirLastUpdate() throws Exception {
    Person person = person();
    Bundle first = provide(gp(), submission(document(person.nir())));
    String oldId = located(first, "DocumentReference").get(0);
    agree(person, gp());
    DocumentReference filed =
        valid(client(gp()).read().resource(DocumentReference.class).withId(oldId).execute());
    Date filedAt = filed.getMeta().getLastUpdated();
    assertThat(filedAt).isNotNull();
    Thread.sleep(1_100);

    // A new version supersedes it: a change of its status, so of its last update.
    DocumentReference next = document(person.nir());
    next.addRelatesTo()
        .setCode(DocumentReference.DocumentRelationshipType.REPLACES)
        .setTarget(new Reference("DocumentReference/" + oldId));
    String newId = located(provide(gp(), submission(next)), "DocumentReference").get(0);

    DocumentReference superseded =
        valid(client(gp()).read().resource(DocumentReference.class).withId(oldId).execute());
    assertThat(superseded.getStatus()).isEqualTo(Enumerations.DocumentReferenceStatus.SUPERSEDED);
    assertThat(superseded.getMeta().getLastUpdated()).isAfter(filedAt);
    Bundle changedSince =
        valid(
            client(gp())
                .search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.PATIENT.hasId("Patient/" + person.recordId()))
                .and(DocumentReference.STATUS.exactly().code("superseded"))
                .lastUpdated(
                    new DateRangeParam()
                        .setLowerBound(
                            new ca.uhn.fhir.rest.param.DateParam(
                                ParamPrefixEnum.GREATERTHAN, filedAt)))
                .returnBundle(Bundle.class)
                .execute());
    assertThat(ids(changedSince)).containsExactly(oldId);
    Bundle notChangedBefore =
        valid(
            client(gp())
                .search()
                .forResource(DocumentReference.class)
                .where(DocumentReference.PATIENT.hasId("Patient/" + person.recordId()))
                .lastUpdated(
                    new DateRangeParam()
                        .setUpperBound(
                            new ca.uhn.fhir.rest.param.DateParam(
                                ParamPrefixEnum.LESSTHAN_OR_EQUALS, filedAt)))
                .returnBundle(Bundle.class)
                .execute());
    // The current version was filed after filedAt; the old one changed after it.
    assertThat(ids(notChangedBefore)).doesNotContain(newId, oldId);
  }

  @Test
  void aPatientsMaskLeavesTheLastUpdateAsItWas() {
    Person person = person();
    String id =
        located(provide(gp(), submission(document(person.nir()))), "DocumentReference").get(0);
    agree(person, gp());
    Date filedAt =
        valid(client(gp()).read().resource(DocumentReference.class).withId(id).execute())
            .getMeta()
            .getLastUpdated();

    mask(person, id);

    // Its author still sees it, and nothing in it tells them of the mask.
    assertThat(
            valid(client(gp()).read().resource(DocumentReference.class).withId(id).execute())
                .getMeta()
                .getLastUpdated())
        .isEqualTo(filedAt);
  }

  @Test
  void malformedBundlesAreRefusedAndFileNothing() {
    Person person = person();
    Person stranger = person();
    Bundle twoPatients = submission(document(person.nir()), document(stranger.nir()));
    Bundle looseBinary = submission(document(person.nir()));
    Binary loose = new Binary().setContentType("application/pdf");
    loose.setData(Documents.pdf(1600));
    looseBinary.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(loose);
    Bundle withPatient = submission(document(person.nir()));
    withPatient.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(traits());
    Bundle twoLists = submission(document(person.nir()));
    twoLists.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(new ListResource());

    Bundle longDesignation = submission(document(person.nir()));
    ((ListResource) longDesignation.getEntryFirstRep().getResource())
        .getExtensionByUrl(
            "https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-designationType")
        .setValue(new CodeableConcept().addCoding(new Coding(LOINC, "1".repeat(65), null)));

    for (Bundle refused :
        List.of(twoPatients, looseBinary, withPatient, twoLists, longDesignation)) {
      assertThatThrownBy(() -> provide(gp(), refused))
          .isInstanceOfSatisfying(
              BaseServerResponseException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(400);
                assertThat(code(e)).isEqualTo("VALIDATION_FAILED");
              });
    }
    agree(person, gp());
    agree(stranger, gp());
    assertThat(lists(gp(), person).getEntry()).isEmpty();
    assertThat(lists(gp(), stranger).getEntry()).isEmpty();
    // Not a document either: the one for the right patient rolled back with the set.
    assertThat(newFor(gp(), person).getEntry()).isEmpty();
    assertThat(
            valid(
                    client(gp())
                        .search()
                        .forResource(DocumentReference.class)
                        .where(DocumentReference.PATIENT.hasId("Patient/" + person.recordId()))
                        .returnBundle(Bundle.class)
                        .execute())
                .getEntry())
        .isEmpty();
  }

  @Test
  void aRecordErasedAtOnceTakesItsSubmissionSetsWithIt() {
    Person person = person();
    String setId = located(provide(gp(), submission(document(person.nir()))), "List").get(0);

    Api.Reply deleted =
        carnet
            .api()
            .post(
                "/api/v1/records/" + person.recordId() + "/closure",
                carnet.token("patient", Map.of("ins", person.nir())),
                "{\"deleteNow\":true}");

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().getString("state")).isEqualTo("PURGED");
    assertThatThrownBy(
            () -> client(gp()).read().resource(ListResource.class).withId(setId).execute())
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void newForMeIsWhatTheCallerHasNotYetSeen() throws Exception {
    Person person = person();
    List<String> documents =
        located(
            provide(gp(), submission(document(person.nir()), document(person.nir()))),
            "DocumentReference");
    String other = otherGp();
    // Refused like any search without the patient's agreement.
    assertThatThrownBy(() -> newFor(other, person))
        .isInstanceOfSatisfying(
            BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    agree(person, other);
    agree(person, gp());

    assertThat(ids(newFor(other, person))).containsExactlyInAnyOrderElementsOf(documents);
    // Its author filed them: nothing is new for them.
    assertThat(newFor(gp(), person).getEntry()).isEmpty();
    // The content of the first, fetched as a Binary; the metadata of the second, read.
    assertThat(raw("Binary/" + documents.get(0), other, null).statusCode()).isEqualTo(200);
    assertThat(ids(newFor(other, person))).containsExactly(documents.get(1));
    // The native API says the same.
    Api.Reply nativeNew =
        carnet.api().get("/api/v1/records/" + person.recordId() + "/documents?newFor=me", other);
    assertThat(nativeNew.status()).as(nativeNew.toString()).isEqualTo(200);
    assertThat(
            nativeNew.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("id")))
        .containsExactly(documents.get(1));
    valid(
        client(other).read().resource(DocumentReference.class).withId(documents.get(1)).execute());
    assertThat(newFor(other, person).getEntry()).isEmpty();
    // A search lists without reading: it leaves a document new.
    Person second = person();
    String unread =
        located(provide(gp(), submission(document(second.nir()))), "DocumentReference").get(0);
    agree(second, other);
    valid(
        client(other)
            .search()
            .forResource(DocumentReference.class)
            .where(DocumentReference.PATIENT.hasId("Patient/" + second.recordId()))
            .returnBundle(Bundle.class)
            .execute());
    assertThat(ids(newFor(other, second))).containsExactly(unread);
    // Only "me", and only for a professional.
    Api.Reply patient =
        carnet
            .api()
            .get(
                "/api/v1/records/" + person.recordId() + "/documents?newFor=me",
                carnet.token("patient", Map.of("ins", person.nir())));
    assertThat(patient.status()).isEqualTo(400);
    assertThat(patient.code()).isEqualTo("VALIDATION_FAILED");
    Api.Reply someoneElse =
        carnet
            .api()
            .get("/api/v1/records/" + person.recordId() + "/documents?newFor=10000000001", other);
    assertThat(someoneElse.status()).isEqualTo(400);
  }

  @Test
  void theCapabilityStatementTellsTheTruth() throws Exception {
    CapabilityStatement capabilities =
        valid(client(null).capabilities().ofType(CapabilityStatement.class).execute());
    var rest = capabilities.getRestFirstRep();
    assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction");
    Map<String, CapabilityStatement.CapabilityStatementRestResourceComponent> byType =
        new java.util.HashMap<>();
    rest.getResource().forEach(r -> byType.put(r.getType(), r));
    assertThat(byType.keySet())
        .containsExactlyInAnyOrder(
            "AuditEvent",
            "Binary",
            "DocumentReference",
            "List",
            "OperationDefinition",
            "Patient",
            "SearchParameter");
    assertThat(interactions(byType.get("Binary"))).containsExactly("read");
    assertThat(interactions(byType.get("SearchParameter"))).containsExactly("read");
    assertThat(interactions(byType.get("List"))).containsExactlyInAnyOrder("read", "search-type");
    assertThat(interactions(byType.get("DocumentReference")))
        .containsExactlyInAnyOrder("read", "search-type");
    assertThat(parameters(byType.get("List")))
        .contains(
            "patient",
            "code",
            "status",
            "date",
            "identifier",
            "sourceId",
            "designationType",
            "_lastUpdated");
    assertThat(parameters(byType.get("DocumentReference")))
        .contains(
            "patient", "status", "type", "category", "date", "author", "_lastUpdated", "new-for");
    String definition =
        byType.get("DocumentReference").getSearchParam().stream()
            .filter(p -> p.getName().equals("new-for"))
            .findFirst()
            .orElseThrow()
            .getDefinition();
    assertThat(definition).endsWith("/fhir/SearchParameter/DocumentReference-new-for");
    // The definition is there, open like the CapabilityStatement.
    SearchParameter newFor =
        valid(
            client(null)
                .read()
                .resource(SearchParameter.class)
                .withId("DocumentReference-new-for")
                .execute());
    assertThat(newFor.getUrl()).isEqualTo(definition);
    assertThat(newFor.getCode()).isEqualTo("new-for");
    // The native API's counterpart is in the OpenAPI document.
    assertThat(carnet.api().get("/openapi", null).body()).contains("newFor");
  }

  private static List<String> interactions(
      CapabilityStatement.CapabilityStatementRestResourceComponent resource) {
    List<String> codes = new ArrayList<>();
    resource.getInteraction().forEach(i -> codes.add(i.getCode().toCode()));
    return codes;
  }

  private static List<String> parameters(
      CapabilityStatement.CapabilityStatementRestResourceComponent resource) {
    return resource.getSearchParam().stream()
        .map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
        .toList();
  }
}
