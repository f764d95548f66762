/** The REST interface of notifications: the agents' list of letters that could not be produced. */
package fr.carnet.notification.interfaces.rest;
