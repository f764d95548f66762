/**
 * Consent: the patient's controls over who sees what, beyond the matrix: masked documents and
 * classes, blocked professionals and organisations, the designated GP, emergency access, research
 * preferences, notification channels, representatives registered by staff (four eyes) and proxies
 * the patient chooses, and the access preview that says what a given professional would see. Each
 * change is decided by the access policy and traced.
 */
package fr.carnet.consent;
