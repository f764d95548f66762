/**
 * Shared kernel: the error codes every refusal and bad input answers with (a stable {@code code} in
 * problem+json), the exceptions that carry them, the clock, and the markers of clinical and
 * identity reads that architecture rules check.
 */
package fr.carnet.shared;
