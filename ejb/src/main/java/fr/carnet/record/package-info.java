/**
 * Record: the documents of a person's shared record and their contents (pushed by hospitals, labs
 * and practice software through the API and FHIR MHD; versions, withdrawal, withholding from the
 * patient, secrets a minor keeps from their parents), the medical profile, and the SubmissionSets
 * of MHD. Searches apply the access policy's visibility in their one SQL query.
 */
package fr.carnet.record;
