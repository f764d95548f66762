/**
 * The health agenda's REST interface (issue 21): appointments, reminders, the prevention calendar.
 */
package fr.carnet.agenda.interfaces.rest;
