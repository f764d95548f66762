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
import fr.carnet.record.application.DocumentPage;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.application.RecordService;
import fr.carnet.record.interfaces.rest.DocumentMapping;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;

/**
 * IHE MHD Find Document References (ITI-67): a record's documents that the caller may see, through
 * the same {@link DocumentService#search} as {@code /api/v1}, decided and traced there; and the
 * read of one DocumentReference, where ITI-65's response points.
 */
public class DocumentReferenceProvider implements IResourceProvider {

  private final DocumentService documents;
  private final RecordService records;
  private final Supplier<Actor> actor;

  public DocumentReferenceProvider(
      DocumentService documents, RecordService records, Supplier<Actor> actor) {
    this.documents = documents;
    this.records = records;
    this.actor = actor;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return DocumentReference.class;
  }

  @Search
  @Description(
      shortDefinition =
          "A record's documents, newest first. patient=Patient/{id}, or patient.identifier (the"
              + " INS) through POST _search only")
  public Bundle find(
      @RequiredParam(
              name = DocumentReference.SP_PATIENT,
              chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
          ReferenceParam patient,
      @OptionalParam(name = DocumentReference.SP_STATUS) TokenParam status,
      @OptionalParam(name = DocumentReference.SP_TYPE) TokenParam type,
      @OptionalParam(name = DocumentReference.SP_CATEGORY) TokenParam category,
      @OptionalParam(name = DocumentReference.SP_DATE) DateRangeParam date,
      @OptionalParam(
              name = DocumentReference.SP_AUTHOR,
              chainWhitelist = {"identifier"})
          ReferenceParam author,
      @Description(shortDefinition = "When the document's metadata or status last changed")
          @OptionalParam(name = Constants.PARAM_LASTUPDATED)
          DateRangeParam lastUpdated,
      @Description(
              shortDefinition =
                  "me: only the documents the calling professional has not yet read, fetched or"
                      + " filed (the audit trail says)")
          @OptionalParam(name = FhirSearchParameters.NEW_FOR)
          TokenParam newFor,
      @Description(shortDefinition = "From the previous page's next link")
          @OptionalParam(name = "cursor")
          StringParam cursor,
      @Count Integer count,
      RequestDetails request) {
    UUID recordId = record(patient, request);
    DocumentQuery query =
        new DocumentQuery(
                category(category),
                type == null ? null : type(type),
                FhirSearches.from(date),
                FhirSearches.to(date),
                author == null ? null : token(author.getValue()),
                // As in the API: the current versions unless asked otherwise.
                status == null ? DocumentStatus.CURRENT : FhirDocuments.status(status.getValue()),
                cursor == null ? null : DocumentMapping.position(cursor.getValue()),
                FhirSearches.count(count, DocumentQuery.DEFAULT_LIMIT, DocumentQuery.MAX_LIMIT))
            .updated(
                FhirSearches.from(lastUpdated),
                FhirSearches.to(lastUpdated),
                newFor == null
                    ? null
                    : FhirSearchParameters.unseenBy(actor.get(), newFor.getValue()));
    DocumentPage page = documents.search(actor.get(), recordId, query);
    String contentBase = apiBase(request);
    return FhirSearches.page(
        request,
        "DocumentReference",
        page.items().stream().map(d -> FhirDocuments.reference(d, contentBase)).toList(),
        Map.of(DocumentReference.SP_PATIENT, "Patient/" + recordId),
        Set.of(DocumentReference.SP_PATIENT, DocumentReference.SP_PATIENT + ".identifier"),
        page.next() == null ? null : DocumentMapping.cursor(page.next()),
        query.limit());
  }

  /** A document by its id (the location ITI-65 answers), decided and traced as a read. */
  @Read
  public DocumentReference read(@IdParam IdType id, RequestDetails request) {
    return FhirDocuments.reference(
        documents.read(actor.get(), ResourceIds.uuid(id.getIdPart())), apiBase(request));
  }

  private UUID record(ReferenceParam patient, RequestDetails request) {
    if ("identifier".equals(patient.getChain())) {
      FhirSearches.refuseInsInUrl(request, "patient.identifier", "DocumentReference");
      String value = patient.getValue();
      int bar = value.indexOf('|');
      return records.recordOf(
          actor.get(),
          FhirIdentity.ins(bar < 0 ? null : value.substring(0, bar), value.substring(bar + 1)));
    }
    return ResourceIds.uuid(patient.getIdPart());
  }

  /** The API's base next to this FHIR base: where contents are streamed. */
  static String apiBase(RequestDetails request) {
    String fhir = request.getFhirServerBase();
    return fhir.substring(0, fhir.lastIndexOf("/fhir")) + "/api";
  }

  private static String category(TokenParam category) {
    if (category == null) {
      return null;
    }
    if (category.getSystem() != null
        && !category.getSystem().isEmpty()
        && !DocumentType.CARNET_CLASS_SYSTEM.equals(category.getSystem())) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "category is a class of " + DocumentType.CARNET_CLASS_SYSTEM + ", such as LAB");
    }
    return category.getValue();
  }

  private static DocumentType type(TokenParam type) {
    if (type.getSystem() == null || type.getSystem().isEmpty()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "type is system|code");
    }
    return new DocumentType(type.getSystem(), type.getValue());
  }

  /** The value of {@code system|value}, the system checked: an author's RPPS. */
  private static String token(String value) {
    int bar = value.indexOf('|');
    if (bar >= 0 && !FhirDocuments.RPPS.equals(value.substring(0, bar))) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "author.identifier is " + FhirDocuments.RPPS + "|<RPPS>");
    }
    return value.substring(bar + 1);
  }
}
