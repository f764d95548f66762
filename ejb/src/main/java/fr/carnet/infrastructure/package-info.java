/**
 * Shared infrastructure: the data source, the schema's migrations (Flyway, run with the migration
 * user, the application's own role kept to least privilege) and the persistence settings every
 * capability's repositories use.
 */
package fr.carnet.infrastructure;
