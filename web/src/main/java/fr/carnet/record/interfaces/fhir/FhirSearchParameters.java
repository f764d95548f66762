package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * Carnet's own search parameter, {@code DocumentReference?new-for=me}, as the SearchParameter
 * resource the CapabilityStatement's definition points to: open, like the CapabilityStatement.
 */
public class FhirSearchParameters implements IResourceProvider {

  public static final String NEW_FOR = "new-for";

  public static final String NEW_FOR_ID = "DocumentReference-new-for";

  private static final Date PUBLISHED = Date.from(java.time.Instant.parse("2026-12-02T00:00:00Z"));

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return SearchParameter.class;
  }

  @Read
  public SearchParameter read(@IdParam IdType id, RequestDetails request) {
    if (!NEW_FOR_ID.equals(id.getIdPart())) {
      throw new CarnetException(ErrorCode.NOT_FOUND, "No such SearchParameter");
    }
    return newFor(request.getFhirServerBase());
  }

  /** The definition, its canonical URL under {@code base}, the FHIR server's base. */
  public static SearchParameter newFor(String base) {
    SearchParameter parameter = new SearchParameter();
    parameter.setId(NEW_FOR_ID);
    parameter.setUrl(base + "/SearchParameter/" + NEW_FOR_ID);
    parameter.setName("NewFor");
    parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
    parameter.setDate(PUBLISHED);
    parameter.setPublisher("Carnet");
    parameter.setDescription(
        "The documents the calling professional has not yet seen: no trace in Carnet's audit trail"
            + " of their reading its metadata, fetching its content or filing it. The only value"
            + " is me; combined with the other parameters, filtered by the access rules.");
    parameter.setCode(NEW_FOR);
    parameter.getBase().add(new CodeType("DocumentReference"));
    parameter.setType(Enumerations.SearchParamType.TOKEN);
    return parameter;
  }

  /** The RPPS whose unseen documents {@code new-for=value} asks for: only the caller's own. */
  public static String unseenBy(Actor actor, String value) {
    if (!"me".equals(value)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "new-for (newFor) is me");
    }
    if (!actor.is(Role.PROFESSIONAL)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "new-for=me is what a professional has not yet seen");
    }
    return actor.rpps();
  }
}
