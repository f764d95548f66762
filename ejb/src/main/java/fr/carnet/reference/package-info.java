/**
 * Reference: the policy as data, edited by administrators and read by everyone's decisions: the
 * authorisation matrix (profession by document class), the document types and their mapping to
 * classes, and the durations of grants and delays, each change traced and versioned.
 */
package fr.carnet.reference;
