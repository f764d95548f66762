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
    properties = {
      // Typed parameters are sent untyped, so that PostgreSQL infers them from the column.
      "stringType=unspecified",
      // A connection broken by a database restart is replaced, not handed to a request.
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
      "fish.payara.fail-all-connections=true",
      // A request waits at most 10 s for a connection, then fails with a 500 problem.
      "fish.payara.max-wait-time-in-millis=10000"
    })
@Singleton
public class CarnetDataSource {

  public static final String JNDI_NAME = "java:app/jdbc/carnet";
}
