package fr.carnet.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.web.security.RoleCheck.Decision;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The coarse role check as a table: the caller's role × the resource's annotation. */
class RoleCheckTest {

  @RolesAllowed({"professional", "patient", "agent", "auditor", "admin"})
  static class EveryCarnetRole {
    public void inherited() {}

    @RolesAllowed("professional")
    public void professionalsOnly() {}

    @PermitAll
    public void open() {}

    @DenyAll
    public void closed() {}

    @RolesAllowed({})
    public void noRoleListed() {}
  }

  @DenyAll
  static class Closed {
    public void inherited() {}

    @RolesAllowed("auditor")
    public void auditorsOnly() {}
  }

  @ApiRoles({"patient", "admin"})
  static class Carnets {
    public void inherited() {}

    @ApiRoles({})
    public void noRoleListed() {}

    @ApiRoles("agent")
    public void agentsOnly() {}

    @PublicApi
    public void publicKeys() {}
  }

  static class Unannotated {
    public void inherited() {}
  }

  @ParameterizedTest(name = "{0} on {1}.{2}: {3}")
  @CsvSource({
    // caller ("none": no verified token; "nurse": a group that is no Carnet role)
    "none,         EveryCarnetRole, inherited,         UNAUTHENTICATED",
    "professional, EveryCarnetRole, inherited,         ALLOWED",
    "patient,      EveryCarnetRole, inherited,         ALLOWED",
    "agent,        EveryCarnetRole, inherited,         ALLOWED",
    "auditor,      EveryCarnetRole, inherited,         ALLOWED",
    "admin,        EveryCarnetRole, inherited,         ALLOWED",
    "nurse,        EveryCarnetRole, inherited,         FORBIDDEN",
    "'',           EveryCarnetRole, inherited,         FORBIDDEN",
    "none,         EveryCarnetRole, professionalsOnly, UNAUTHENTICATED",
    "professional, EveryCarnetRole, professionalsOnly, ALLOWED",
    "patient,      EveryCarnetRole, professionalsOnly, FORBIDDEN",
    "admin,        EveryCarnetRole, professionalsOnly, FORBIDDEN",
    "nurse,        EveryCarnetRole, professionalsOnly, FORBIDDEN",
    "none,         EveryCarnetRole, open,              ALLOWED",
    "nurse,        EveryCarnetRole, open,              ALLOWED",
    "patient,      EveryCarnetRole, open,              ALLOWED",
    "none,         EveryCarnetRole, closed,            UNAUTHENTICATED",
    "admin,        EveryCarnetRole, closed,            FORBIDDEN",
    "professional, EveryCarnetRole, closed,            FORBIDDEN",
    "admin,        EveryCarnetRole, noRoleListed,      FORBIDDEN",
    "none,         Closed,          inherited,         UNAUTHENTICATED",
    "admin,        Closed,          inherited,         FORBIDDEN",
    "auditor,      Closed,          auditorsOnly,      ALLOWED",
    "agent,        Closed,          auditorsOnly,      FORBIDDEN",
    "patient;admin, EveryCarnetRole, professionalsOnly, FORBIDDEN",
    "none,         Carnets,         inherited,         UNAUTHENTICATED",
    "none,         Carnets,         publicKeys,        ALLOWED",
    "nurse,        Carnets,         publicKeys,        ALLOWED",
    "professional, Carnets,         publicKeys,        ALLOWED",
    "patient,      Carnets,         inherited,         ALLOWED",
    "admin,        Carnets,         inherited,         ALLOWED",
    "professional, Carnets,         inherited,         FORBIDDEN",
    "nurse,        Carnets,         inherited,         FORBIDDEN",
    "patient,      Carnets,         noRoleListed,      FORBIDDEN",
    "agent,        Carnets,         agentsOnly,        ALLOWED",
    "patient,      Carnets,         agentsOnly,        FORBIDDEN",
    "patient;professional, EveryCarnetRole, professionalsOnly, ALLOWED",
  })
  void decides(String caller, String resource, String method, Decision expected) throws Exception {
    Class<?> type = Class.forName(RoleCheckTest.class.getName() + "$" + resource);
    Method resourceMethod = type.getMethod(method);

    RoleCheck check = RoleCheck.of(resourceMethod, type).orElseThrow();

    assertThat(check.decide(callerOf(caller))).isEqualTo(expected);
  }

  @Test
  void aResourceWithoutAnnotationsHasNoCheck() throws Exception {
    assertThat(RoleCheck.of(Unannotated.class.getMethod("inherited"), Unannotated.class)).isEmpty();
  }

  @Test
  void everyRestResourceOfCarnetCarriesACheck() throws Exception {
    // Only RoleCheckFeature checks @ApiRoles: an unannotated resource would be open to anyone,
    // and the standard annotations would bring MicroProfile JWT's costly filter back.
    var resources =
        new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(
                    com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.carnet")
                .stream()
                .filter(javaClass -> javaClass.isAnnotatedWith(jakarta.ws.rs.Path.class))
                .map(com.tngtech.archunit.core.domain.JavaClass::reflect)
                .toList();
    assertThat(resources).hasSizeGreaterThan(10);
    for (Class<?> resource : resources) {
      for (Method method : resource.getDeclaredMethods()) {
        if (isResourceMethod(method)) {
          assertThat(RoleCheck.of(method, resource))
              .as(resource.getSimpleName() + "." + method.getName())
              .isPresent();
          for (var standard : List.of(RolesAllowed.class, PermitAll.class, DenyAll.class)) {
            assertThat(
                    method.isAnnotationPresent(standard) || resource.isAnnotationPresent(standard))
                .as(
                    resource.getSimpleName()
                        + "."
                        + method.getName()
                        + " uses @"
                        + standard.getSimpleName())
                .isFalse();
          }
        }
      }
    }
  }

  private static boolean isResourceMethod(Method method) {
    return Arrays.stream(method.getAnnotations())
        .anyMatch(
            a ->
                a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class)
                    || a.annotationType() == jakarta.ws.rs.Path.class);
  }

  private static Optional<ApiCaller> callerOf(String groups) {
    if (groups.equals("none")) {
      return Optional.empty();
    }
    Principal principal = () -> "someone";
    Set<String> set = groups.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(groups.split(";")));
    return Optional.of(new ApiCaller(principal, set, null));
  }
}
