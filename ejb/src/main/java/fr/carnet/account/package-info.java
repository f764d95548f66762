/**
 * Account: the record as an account of its person, and its life: provisional codes and their
 * activation, opposition, closure, reopening, deletion (with a second staff member for an agent's
 * deletion), death, and the bulk enrolment that opens millions of records with their information
 * message. Every transition is a rule of the record's state and a decision of the access policy,
 * traced.
 */
package fr.carnet.account;
