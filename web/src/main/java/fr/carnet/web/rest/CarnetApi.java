package fr.carnet.web.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
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
public class CarnetApi extends Application {}
