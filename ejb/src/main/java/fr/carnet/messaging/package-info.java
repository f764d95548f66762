/**
 * Secure messaging between a patient and their professionals (issue 21, item 1): conversations of
 * one record with one professional (RPPS) or one pharmacy (FINESS, the patient sending it a
 * prescription: {@link fr.carnet.messaging.application.PharmacyMessagingService}), their messages,
 * attachments and read receipts. Who may write, read and file is decided by {@link
 * fr.carnet.access.AccessPolicy} alone, asked through {@link
 * fr.carnet.access.application.AccessGate}; every message sent or read is traced.
 */
package fr.carnet.messaging;
