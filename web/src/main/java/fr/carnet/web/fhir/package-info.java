/**
 * The FHIR R4 endpoint ({@code /fhir}, HAPI's plain server): IHE MHD for hospital systems, the
 * patient by INS, the trail as AuditEvent. Responses are buffered so that a page leaves in one
 * write; the providers, in each capability's {@code interfaces.fhir}, only translate.
 */
package fr.carnet.web.fhir;
