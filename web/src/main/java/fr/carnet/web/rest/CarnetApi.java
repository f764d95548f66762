package fr.carnet.web.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}, secured by MicroProfile JWT. A CDI bean, as the JWT extension
 * requires of the class that carries {@link LoginConfig}.
 */
@ApplicationPath("/api")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"professional", "patient", "agent", "auditor", "admin"})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Carnet API",
            version = "1",
            description =
                "The national shared health record. Every call carries a bearer JWT (RS256) from the"
                    + " sector identity provider; every error is an RFC 9457 problem with a stable"
                    + " code."),
    security = @SecurityRequirement(name = "jwt"))
@SecurityScheme(
    securitySchemeName = "jwt",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class CarnetApi extends Application {

  /**
   * Request bodies are validated once, by Bean Validation's own CDI interceptor on the resources
   * (which are CDI beans): Jersey validated the same parameters again before it, and each resource
   * object and returned response too, 6 % of a push's CPU when measured. The answer to an invalid
   * body is the same ConstraintViolationException, with the same paths.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.beanValidation.disable.server", true,
        // No WADL document: the API is described by OpenAPI.
        "jersey.config.server.wadl.disableWadl", true);
  }
}
