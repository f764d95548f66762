/**
 * Identity: the person behind a record, by INS (the national health identifier, never in a URL or a
 * log) and their identity traits, and the matching of a caller's INS and traits to a record without
 * telling who an INS belongs to.
 */
package fr.carnet.identity;
