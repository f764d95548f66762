/**
 * The REST API's plumbing ({@code /api/v1}): the JAX-RS application, problem+json for every error
 * with a stable code, bounds on a request's body read on the stream, request ids, and the filter
 * that keeps an INS out of URLs. The resources are in each capability's {@code interfaces.rest}.
 */
package fr.carnet.web.rest;
