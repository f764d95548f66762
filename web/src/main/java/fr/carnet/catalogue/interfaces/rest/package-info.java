/**
 * REST interface of the catalogue of referenced apps and of the apps patients connect (issue 21).
 */
package fr.carnet.catalogue.interfaces.rest;
