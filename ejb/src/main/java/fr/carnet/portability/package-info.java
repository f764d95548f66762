/**
 * Portability: the patient's whole record as one signed archive to take away (GDPR Art. 20, EHDS
 * Art. 3). {@code model} holds what the archive's proof is (a detached JWS over its manifest, the
 * key as a JWK) and the one-export-per-record lock's contract; {@code application} decides and
 * traces an export through the access gate, then hands the web layer a {@link
 * fr.carnet.portability.application.RecordExport} that reads the record piece by piece as the
 * archive is written; {@code infrastructure} holds the PostgreSQL advisory lock.
 */
package fr.carnet.portability;
