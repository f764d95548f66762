package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.carnet.record.application.RecordService;
import fr.carnet.record.application.SubmissionSetService;
import fr.carnet.record.interfaces.rest.DocumentMapping;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.record.model.SubmissionSet;
import fr.carnet.record.model.SubmissionSetQuery;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;

/**
 * IHE MHD Find Document Lists (ITI-66) and the read of a List: a record's SubmissionSets, each
 * showing only the documents the caller may see, decided and traced by {@link
 * SubmissionSetService}. Carnet keeps no folders: {@code code=folder} finds nothing.
 */
public class ListProvider implements IResourceProvider {

  private final SubmissionSetService sets;
  private final RecordService records;
  private final Supplier<Actor> actor;

  public ListProvider(SubmissionSetService sets, RecordService records, Supplier<Actor> actor) {
    this.sets = sets;
    this.records = records;
    this.actor = actor;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return ListResource.class;
  }

  @Read
  public ListResource read(@IdParam IdType id) {
    return sets.read(actor.get(), ResourceIds.uuid(id.getIdPart()))
        .map(FhirLists::list)
        .orElseThrow(() -> new CarnetException(ErrorCode.NOT_FOUND, "No such List"));
  }

  @Search
  @Description(
      shortDefinition =
          "A record's SubmissionSets, newest first, with only the documents the caller may see."
              + " patient=Patient/{id}, or patient.identifier (the INS) through POST _search only")
  public Bundle find(
      @RequiredParam(
              name = ListResource.SP_PATIENT,
              chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
          ReferenceParam patient,
      @Description(shortDefinition = "submissionset (folder finds nothing: none are kept)")
          @OptionalParam(name = ListResource.SP_CODE)
          TokenParam code,
      @Description(shortDefinition = "current (the only status of a SubmissionSet)")
          @OptionalParam(name = ListResource.SP_STATUS)
          TokenParam status,
      @Description(shortDefinition = "When the set was submitted")
          @OptionalParam(name = ListResource.SP_DATE)
          DateRangeParam date,
      @Description(shortDefinition = "The set's uniqueId or entryUUID")
          @OptionalParam(name = ListResource.SP_IDENTIFIER)
          TokenParam identifier,
      @Description(shortDefinition = "The submitting system's id (MHD sourceId)")
          @OptionalParam(name = "sourceId")
          TokenParam sourceId,
      @Description(shortDefinition = "The kind of submission (MHD designationType)")
          @OptionalParam(name = "designationType")
          TokenParam designationType,
      @Description(shortDefinition = "When the set last changed")
          @OptionalParam(name = Constants.PARAM_LASTUPDATED)
          DateRangeParam lastUpdated,
      @Description(shortDefinition = "From the previous page's next link")
          @OptionalParam(name = "cursor")
          StringParam cursor,
      @Count Integer count,
      RequestDetails request) {
    UUID recordId = record(patient, request);
    int limit =
        FhirSearches.count(count, SubmissionSetQuery.DEFAULT_LIMIT, SubmissionSetQuery.MAX_LIMIT);
    Map<String, String> fixed = Map.of(ListResource.SP_PATIENT, "Patient/" + recordId);
    Set<String> replaced = Set.of(ListResource.SP_PATIENT, ListResource.SP_PATIENT + ".identifier");
    if ((code != null && !isSubmissionSet(code))
        || (status != null && !"current".equals(status.getValue()))) {
      // What Carnet never keeps (folders, a set of another status) is found nowhere: no access
      // is made, so nothing is traced.
      return FhirSearches.page(request, "List", List.of(), fixed, replaced, null, limit);
    }
    String entryUuid = identifier == null ? null : identifier.getValue();
    UUID byEntryUuid = null;
    if (entryUuid != null && entryUuid.startsWith("urn:uuid:")) {
      try {
        byEntryUuid = UUID.fromString(entryUuid.substring("urn:uuid:".length()));
      } catch (IllegalArgumentException e) {
        byEntryUuid = null;
      }
    }
    SubmissionSetQuery query =
        new SubmissionSetQuery(
            byEntryUuid,
            entryUuid,
            sourceId == null ? null : sourceId.getValue(),
            designationType == null || designationType.getSystem() == null
                ? null
                : blankToNull(designationType.getSystem()),
            designationType == null ? null : designationType.getValue(),
            FhirSearches.from(date),
            FhirSearches.to(date),
            FhirSearches.from(lastUpdated),
            FhirSearches.to(lastUpdated),
            cursor == null ? null : position(cursor.getValue()),
            limit);
    List<SubmissionSet> found = sets.search(actor.get(), recordId, query);
    SubmissionSet last = found.size() < limit ? null : found.get(found.size() - 1);
    return FhirSearches.page(
        request,
        "List",
        found.stream().map(FhirLists::list).toList(),
        fixed,
        replaced,
        last == null ? null : cursor(last),
        limit);
  }

  private static boolean isSubmissionSet(TokenParam code) {
    return FhirLists.SUBMISSION_SET.equals(code.getValue())
        && (code.getSystem() == null
            || code.getSystem().isEmpty()
            || FhirLists.LIST_TYPES.equals(code.getSystem()));
  }

  private UUID record(ReferenceParam patient, RequestDetails request) {
    if ("identifier".equals(patient.getChain())) {
      FhirSearches.refuseInsInUrl(request, "patient.identifier", "List");
      String value = patient.getValue();
      int bar = value.indexOf('|');
      return records.recordOf(
          actor.get(),
          FhirIdentity.ins(bar < 0 ? null : value.substring(0, bar), value.substring(bar + 1)));
    }
    return ResourceIds.uuid(patient.getIdPart());
  }

  private static String cursor(SubmissionSet last) {
    return DocumentMapping.cursor(
        new fr.carnet.record.model.DocumentQuery.Position(last.submittedAt(), last.id()));
  }

  private static SubmissionSetQuery.Position position(String cursor) {
    var position = DocumentMapping.position(cursor);
    return new SubmissionSetQuery.Position(position.authoredAt(), position.id());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
