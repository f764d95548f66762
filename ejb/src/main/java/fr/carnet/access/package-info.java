/**
 * Access: who may do what to a record, decided in one place. {@link fr.carnet.access.AccessPolicy}
 * is pure: from the caller ({@link fr.carnet.security.Actor}) and the record's facts ({@link
 * fr.carnet.access.AccessFacts}: state, relationship, agreement, blocks, masks, matrix row, proxy)
 * it returns a {@link fr.carnet.access.Decision} with its layer and reason, and is tested as a
 * table. {@code application} holds the one gate ({@code AccessGate}) that loads the facts, asks the
 * policy, writes the trace in the caller's transaction and refuses, and the agreements (grants)
 * professionals declare and patients give; {@code infrastructure} reads a record's standing in one
 * SQL statement.
 */
package fr.carnet.access;
