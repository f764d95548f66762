package fr.carnet.architecture;

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
import fr.carnet.access.application.AccessService;
import fr.carnet.record.application.ContentHandle;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.ContentStore;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.record.model.ProfileRepository;
import jakarta.ejb.Stateless;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing else decides access": every path that serves documents or the profile goes through the
 * one {@link AccessPolicy}, which stays pure, and interfaces never reach the data on their own.
 */
class AccessArchitectureTest {

  /** Repository methods that hand out clinical data (metadata, contents, profile entries). */
  private static final Set<String> CLINICAL_READS =
      Set.of(
          DocumentRepository.class.getName() + ".find",
          DocumentRepository.class.getName() + ".search",
          DocumentRepository.class.getName() + ".masked",
          ProfileRepository.class.getName() + ".entries",
          ContentStore.class.getName() + ".read");

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
        .hasMessageContaining("CarelessService.read");
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
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "fr.carnet.access",
            "fr.carnet.security",
            "fr.carnet.record.model",
            "fr.carnet.reference.model")
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
            String target = call.getTargetOwner().getName() + "." + call.getName();
            JavaClass owner = call.getTargetOwner();
            reads |=
                CLINICAL_READS.contains(target)
                    || CLINICAL_READS.stream()
                        .anyMatch(
                            read ->
                                read.endsWith("." + call.getName())
                                    && owner.isAssignableTo(
                                        read.substring(0, read.lastIndexOf('.'))));
            decides |= owner.isEquivalentTo(AccessPolicy.class);
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
