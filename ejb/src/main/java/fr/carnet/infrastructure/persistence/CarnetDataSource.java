package fr.carnet.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's PostgreSQL data source, defined by the application itself so that no server
 * setup is needed. Its coordinates come from MicroProfile Config: {@code db.url}, {@code db.user},
 * {@code db.password}, overridden by {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}.
 */
@DataSourceDefinition(
    name = CarnetDataSource.JNDI_NAME,
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=db.url}",
    user = "${MPCONFIG=db.user}",
    password = "${MPCONFIG=db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    // UUID and other typed parameters are sent untyped, so PostgreSQL infers them from the column.
    properties = {"stringType=unspecified"})
@Singleton
public class CarnetDataSource {

  public static final String JNDI_NAME = "java:app/jdbc/carnet";
}
