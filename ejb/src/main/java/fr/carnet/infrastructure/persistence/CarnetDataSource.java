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
      // Validated at most every 10 s per connection, not at each of a request's acquisitions: the
      // check is a SELECT 1, one more database round trip per request (measured: 5 % of a read's
      // server CPU, and the database's share). A connection broken since is still replaced: the
      // pool drops it on its first error, and fail-all-connections drops the rest with it.
      "fish.payara.validate-atmost-once-period-in-seconds=10",
      // Every connection of the pool is alike: no credential matching at each acquisition.
      "fish.payara.match-connections=false",
      // The driver's statements and result sets as they are: Payara's wrappers look
      // ResultSet.getObject(int, Class) up by reflection at every call (15 % of a search).
      "fish.payara.wrap-jdbc-objects=false",
      // A request waits at most 10 s for a connection, then fails with a 500 problem.
      "fish.payara.max-wait-time-in-millis=10000"
    })
@Singleton
public class CarnetDataSource {

  public static final String JNDI_NAME = "java:app/jdbc/carnet";
}
