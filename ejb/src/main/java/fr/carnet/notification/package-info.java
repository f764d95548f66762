/**
 * Notification: what the patient is told and how. Events queue messages in an outbox in the same
 * transaction as the work; a background job claims mailboxes ({@code SKIP LOCKED}), groups their
 * events by window, composes French messages that carry no health data, and sends them by email or
 * SMS with retries.
 */
package fr.carnet.notification;
