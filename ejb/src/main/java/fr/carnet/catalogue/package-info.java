/**
 * The catalogue of referenced apps and the apps a patient connects to their space (issue 21, items
 * 3 and 4): administrators reference an app after review (its checklist of criteria, the scopes it
 * may ask for, its client id at the identity provider) with a second administrator's approval,
 * suspend it at once, reinstate it with four eyes again; the patient grants a referenced app some
 * of its scopes for a while and revokes it at will, and a call-centre agent lists and revokes a
 * confirmed caller's apps. What an app may then do with the patient's token is decided by {@link
 * fr.carnet.access.AccessPolicy} alone, on the facts {@link
 * fr.carnet.catalogue.infrastructure.JdbcAppStandings} reads.
 */
package fr.carnet.catalogue;
