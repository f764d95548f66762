/**
 * The staff console (Jakarta Faces): the agents', auditors', administrators' desks, behind a
 * console session with CSRF protection and a strict content security policy. Each desk calls the
 * same services as the API, so the same access policy decides and the same traces are written under
 * the staff member's name.
 */
package fr.carnet.web.console;
