package fr.carnet.web.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import fr.carnet.record.interfaces.fhir.FhirSearchParameters;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Gives the search parameters that are not FHIR's own their definitions in the CapabilityStatement
 * HAPI generates from the providers: Carnet's {@code new-for} (served at {@code
 * SearchParameter/DocumentReference-new-for}) and MHD's {@code designationType}.
 */
@Interceptor
public class CapabilityDefinitions {

  private static final String MHD_DESIGNATION_TYPE =
      "https://profiles.ihe.net/ITI/MHD/SearchParameter/List-DesignationType";

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void define(IBaseConformance generated, RequestDetails request) {
    if (!(generated instanceof CapabilityStatement capabilities)) {
      return;
    }
    for (var rest : capabilities.getRest()) {
      for (var resource : rest.getResource()) {
        for (var parameter : resource.getSearchParam()) {
          if ("DocumentReference".equals(resource.getType())
              && FhirSearchParameters.NEW_FOR.equals(parameter.getName())) {
            parameter.setDefinition(
                FhirSearchParameters.newFor(request.getFhirServerBase()).getUrl());
          }
          if ("List".equals(resource.getType()) && "designationType".equals(parameter.getName())) {
            parameter.setDefinition(MHD_DESIGNATION_TYPE);
          }
        }
      }
    }
  }
}
