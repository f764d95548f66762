/**
 * Security: the one {@link fr.carnet.security.Actor} of a request (role, subject, RPPS, profession,
 * FINESS, INS), built once from a verified token or a console session, and the roles Carnet knows.
 * What an actor may do is not decided here but by {@link fr.carnet.access.AccessPolicy}.
 */
package fr.carnet.security;
