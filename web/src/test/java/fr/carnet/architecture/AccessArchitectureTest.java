package fr.carnet.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import fr.carnet.access.AccessPolicy;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.application.TraceService;
import fr.carnet.record.application.ContentHandle;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.ContentStore;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.shared.ClinicalRead;
import fr.carnet.shared.ErrorCode;
import fr.carnet.shared.IdentityRead;
import fr.carnet.staff.application.ConsoleLoginService;
import jakarta.ejb.Stateless;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing else decides access": every path that serves documents or the profile goes through the
 * one {@link AccessPolicy}, which stays pure, and interfaces never reach the data on their own.
 */
class AccessArchitectureTest {

  private static JavaClasses carnet;

  @BeforeAll
  static void importClasses() {
    carnet =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.carnet");
    // A rule over nothing would pass: make sure both modules are there.
    assertThat(carnet.contain(DocumentService.class)).isTrue();
    assertThat(carnet.contain(fr.carnet.record.interfaces.rest.DocumentResource.class)).isTrue();
  }

  @Test
  void everyServiceMethodThatServesClinicalDataAsksThePolicy() {
    servicesAskThePolicy().check(carnet);
  }

  /** The rule above can fail: a service that reads a document without asking is caught. */
  @Test
  void aServiceThatSkipsThePolicyIsCaught() {
    JavaClasses careless = new ClassFileImporter().importClasses(CarelessService.class);

    assertThatThrownBy(() -> servicesAskThePolicy().check(careless))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CarelessService.read(")
        .hasMessageContaining("CarelessService.stream(")
        .hasMessageContaining("CarelessService.whoIs(");
  }

  @Stateless
  static class CarelessService {
    private DocumentRepository documents;

    public Object read(java.util.UUID record, java.util.UUID document) {
      return lookUp(record, document);
    }

    private Object lookUp(java.util.UUID record, java.util.UUID document) {
      return documents.find(record, document);
    }

    private ContentStore contents;
    private fr.carnet.identity.model.IdentityRepository identities;

    public void stream(java.util.UUID document, java.io.OutputStream out)
        throws java.io.IOException {
      contents.copyTo(document, 1024, out);
    }

    public Object whoIs(String ins) {
      return identities.findByInsNumber(ins);
    }

    private TraceService traces;

    public void traceByHand(fr.carnet.security.Actor actor, fr.carnet.access.Decision decision) {
      traces.record(actor, fr.carnet.audit.model.TraceAction.RECORD_LOOKUP, null, null, decision);
    }
  }

  private static com.tngtech.archunit.lang.ArchRule servicesAskThePolicy() {
    return methods()
        .that()
        .areDeclaredInClassesThat()
        .areAnnotatedWith(Stateless.class)
        .and()
        .arePublic()
        .should(askThePolicyWheneverTheyReadClinicalData());
  }

  /**
   * One gate traces: every decision goes through it. The console's login service writes the
   * authentication events (logins, failures, lockouts), which no access policy decides.
   */
  @Test
  void onlyTheGateWritesTheTrail() {
    onlyTheGateTraces().check(carnet);
  }

  /** The rule above can fail: a service that writes a trace of its own is caught. */
  @Test
  void aServiceThatTracesByHandIsCaught() {
    JavaClasses careless = new ClassFileImporter().importClasses(CarelessService.class);

    assertThatThrownBy(() -> onlyTheGateTraces().check(careless))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CarelessService.traceByHand(");
  }

  /**
   * One gate traces: every decision goes through it. The console's login service writes the
   * authentication events (logins, failures, lockouts), which no access policy decides.
   */
  private static com.tngtech.archunit.lang.ArchRule onlyTheGateTraces() {
    return noClasses()
        .that()
        .doNotHaveFullyQualifiedName(AccessGate.class.getName())
        .and()
        .doNotHaveFullyQualifiedName(ConsoleLoginService.class.getName())
        .and()
        .doNotHaveFullyQualifiedName(TraceService.class.getName())
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a method of TraceService that writes a trace",
                call ->
                    call.getTargetOwner().isEquivalentTo(TraceService.class)
                        && call.getName().startsWith("record")));
  }

  @Test
  void onlyTheAccessServiceMakesThePolicy() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(AccessService.class.getName())
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "constructor of AccessPolicy",
                call -> call.getTargetOwner().isEquivalentTo(AccessPolicy.class)))
        .check(carnet);
  }

  @Test
  void thePolicyIsPure() {
    classes()
        .that()
        .resideInAPackage("fr.carnet.access")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    "java..",
                    "fr.carnet.access",
                    "fr.carnet.security",
                    "fr.carnet.record.model",
                    "fr.carnet.reference.model")
                // A refusal names the stable code its caller is given: a plain enum.
                .or(type(ErrorCode.class)))
        .check(carnet);
  }

  @Test
  void interfacesNeverReachTheDataThemselves() {
    noClasses()
        .that()
        .resideInAPackage("..interfaces..")
        .or()
        .resideInAPackage("fr.carnet.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..infrastructure..", "jakarta.persistence..", "javax.sql..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(ContentStore.class)
        .check(carnet);
  }

  @Test
  void contentIsHandedOutOnlyAfterADecision() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(DocumentService.class.getName())
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "constructor of ContentHandle",
                call -> call.getTargetOwner().isEquivalentTo(ContentHandle.class)))
        .check(carnet);
  }

  private static ArchCondition<JavaMethod> askThePolicyWheneverTheyReadClinicalData() {
    return new ArchCondition<>("ask the AccessPolicy whenever they read clinical data") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        boolean reads = false;
        boolean decides = false;
        for (JavaCodeUnit unit : reachableWithinClass(method)) {
          for (JavaCall<?> call : unit.getCallsFromSelf()) {
            JavaClass owner = call.getTargetOwner();
            reads |= isGuardedRead(call);
            decides |=
                owner.isEquivalentTo(AccessPolicy.class) || owner.isEquivalentTo(AccessGate.class);
          }
        }
        if (reads && !decides) {
          events.add(
              SimpleConditionEvent.violated(
                  method, method.getFullName() + " reads clinical data without the policy"));
        }
      }
    };
  }

  /**
   * Whether the call reaches a repository method marked {@link ClinicalRead} or {@link
   * IdentityRead}, on the interface or through an implementation of it.
   */
  private static boolean isGuardedRead(JavaCall<?> call) {
    JavaClass owner = call.getTargetOwner();
    List<String> parameters =
        call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toList();
    return Stream.concat(Stream.of(owner), owner.getAllRawInterfaces().stream())
        .flatMap(type -> type.getMethods().stream())
        .filter(method -> method.getName().equals(call.getName()))
        .filter(
            method ->
                method.getRawParameterTypes().stream()
                    .map(JavaClass::getName)
                    .toList()
                    .equals(parameters))
        .anyMatch(
            method ->
                method.isAnnotatedWith(ClinicalRead.class)
                    || method.isAnnotatedWith(IdentityRead.class));
  }

  /**
   * The method, the methods of its own class it calls, and the lambdas they declare (javac names
   * them {@code lambda$<method>$<n>}), transitively.
   */
  private static Set<JavaCodeUnit> reachableWithinClass(JavaCodeUnit start) {
    Set<JavaCodeUnit> reached = new HashSet<>();
    Deque<JavaCodeUnit> pending = new ArrayDeque<>();
    pending.push(start);
    JavaClass owner = start.getOwner();
    while (!pending.isEmpty()) {
      JavaCodeUnit unit = pending.pop();
      if (!reached.add(unit)) {
        continue;
      }
      for (JavaCodeUnit candidate : owner.getCodeUnits()) {
        if (candidate.getModifiers().contains(JavaModifier.SYNTHETIC)
            && candidate.getName().startsWith("lambda$" + unit.getName() + "$")) {
          pending.push(candidate);
        }
      }
      for (JavaCall<?> call : unit.getCallsFromSelf()) {
        if (call.getTargetOwner().equals(owner)) {
          call.getTarget().resolveMember().ifPresent(pending::push);
        }
      }
    }
    return reached;
  }
}
