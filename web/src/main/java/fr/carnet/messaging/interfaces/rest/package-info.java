/** The secure messaging's REST interface, {@code /api/v1/conversations} (issue 21). */
package fr.carnet.messaging.interfaces.rest;
