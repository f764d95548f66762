package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.application.IdentityView;
import fr.carnet.record.application.RecordLookup;
import fr.carnet.record.application.RecordService;
import fr.carnet.record.application.SummaryService;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * The record's person as a Patient, for professionals and agents: found by the INS and its five
 * traits (checked as {@code /api/v1/records/lookup} checks them), or read by the record's id. No
 * search by demographics alone. Its patient summary, {@code $summary} (IPS), for whoever may read
 * the record.
 */
public class PatientProvider implements IResourceProvider {

  private final RecordService records;
  private final SummaryService summaries;
  private final Supplier<Actor> actor;

  public PatientProvider(RecordService records, SummaryService summaries, Supplier<Actor> actor) {
    this.records = records;
    this.summaries = summaries;
    this.actor = actor;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return Patient.class;
  }

  @Read
  public Patient read(@IdParam IdType id) {
    IdentityView identity = records.identity(actor.get(), ResourceIds.uuid(id.getIdPart()));
    return FhirIdentity.patient(identity.recordId(), identity.ins(), identity.traits());
  }

  /**
   * The International Patient Summary operation: a {@code document} Bundle of what the caller may
   * see of the record's profile and result documents, decided and traced once by the service.
   */
  @Operation(name = "$summary", idempotent = true, bundleType = BundleTypeEnum.DOCUMENT)
  @Description(
      shortDefinition =
          "The patient summary (IPS): a document Bundle of what the caller may see, with the"
              + " provenance of each entry")
  public Bundle summary(@IdParam IdType id, RequestDetails request) {
    return FhirSummary.document(
        summaries.summary(actor.get(), ResourceIds.uuid(id.getIdPart())),
        DocumentReferenceProvider.apiBase(request));
  }

  @Search
  @Description(
      shortDefinition =
          "The record of an INS (identifier) whose traits match, through POST _search only")
  public List<Patient> find(
      @RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
      @RequiredParam(name = Patient.SP_FAMILY) StringParam family,
      @RequiredParam(name = Patient.SP_GIVEN) StringParam given,
      @RequiredParam(name = Patient.SP_BIRTHDATE) DateParam birthDate,
      @RequiredParam(name = Patient.SP_GENDER) TokenParam gender,
      @Description(shortDefinition = "INSEE code of the commune of birth")
          @RequiredParam(name = "birthplace")
          StringParam birthPlace,
      RequestDetails request) {
    FhirSearches.refuseInsInUrl(request, "identifier", "Patient");
    Ins ins = FhirIdentity.ins(identifier);
    Traits traits =
        new Traits(
            family.getValue(),
            given.getValue(),
            date(birthDate.getValueAsString()),
            switch (gender.getValue() == null ? "" : gender.getValue()) {
              case "female" -> Sex.F;
              case "male" -> Sex.M;
              default ->
                  throw new CarnetException(ErrorCode.TRAITS_INVALID, "gender is female or male");
            },
            birthPlace == null ? null : birthPlace.getValue());
    RecordLookup found;
    try {
      found = records.lookup(actor.get(), ins, traits);
    } catch (CarnetException e) {
      if (e.code() == ErrorCode.RECORD_NOT_FOUND) {
        return List.of(); // a search that finds nothing is an empty result, not an error
      }
      throw e;
    }
    // The INS the caller typed, with traits that matched.
    return List.of(FhirIdentity.patient(found.id(), ins, traits));
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new CarnetException(ErrorCode.TRAITS_INVALID, "birthdate is YYYY-MM-DD");
    }
  }
}
