/**
 * The health agenda (issue 21, item 2): appointments that booking platforms and care software push
 * for a patient (named by INS and traits, as a document push), idempotent on the platform's source
 * and id, with those the patient adds; and prevention reminders (screenings, vaccines) computed
 * from the person's age and sex and a national calendar kept as reference data, sent once per
 * period by a job that runs on every instance, never twice within a rule's interval. Each pusher
 * has a cap of appointments to come per record; the calendar keeps the history of its changes
 * (V39). Who may push, read or change is {@link fr.carnet.access.AccessPolicy}'s, over {@link
 * fr.carnet.access.AppointmentFacts}; what a representative's history shows of it is {@link
 * fr.carnet.audit.model.HistoryRule}'s.
 */
package fr.carnet.agenda;
