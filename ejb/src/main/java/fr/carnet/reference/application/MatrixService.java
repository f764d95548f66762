package fr.carnet.reference.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.reference.model.MatrixCell;
import fr.carnet.reference.model.MatrixChange;
import fr.carnet.reference.model.MatrixRepository;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.reference.model.Rights;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The authorisation matrix as administrators keep it. A change is traced (who, when, from what to
 * what) and bumps the reference version in the same transaction, so that every node's next access
 * decides on the new policy.
 */
@Stateless
public class MatrixService {

  private static final Pattern SPECIALTY = Pattern.compile("\\*|[a-z0-9-]{1,64}");

  @Inject private MatrixRepository matrix;
  @Inject private ReferenceData reference;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  public List<MatrixCell> cells(Actor actor) {
    require(actor, AccountAction.READ_MATRIX, TraceAction.MATRIX_READ, null);
    return matrix.cells();
  }

  public List<MatrixChange> changes(Actor actor) {
    require(actor, AccountAction.READ_MATRIX, TraceAction.MATRIX_READ, "changes");
    return matrix.changes();
  }

  /** Sets one cell; returns the change made (its old value is null for a new row). */
  public MatrixChange change(
      Actor actor, String profession, String specialty, String classCode, String cell) {
    String target = profession + "/" + specialty + "/" + classCode;
    Decision decision =
        gate.check(actor, AccountAction.EDIT_MATRIX, TraceAction.MATRIX_CHANGE, target);
    Rights rights;
    try {
      rights = Rights.ofCell(cell == null ? "" : cell);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "rights is one of R, W, RW, -");
    }
    if (specialty == null || !SPECIALTY.matcher(specialty).matches()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "specialty is * or a slug such as general-practice");
    }
    if (!matrix.professionExists(profession)) {
      throw new CarnetException(ErrorCode.PROFESSION_UNKNOWN);
    }
    if (!matrix.classExists(classCode)) {
      throw new CarnetException(ErrorCode.DOCUMENT_CLASS_UNKNOWN);
    }
    MatrixChange change =
        matrix.set(profession, specialty, classCode, rights, actor.subject(), clock.instant());
    String was = change.oldRights() == null ? "none" : change.oldRights().cell();
    gate.pass(
        actor,
        TraceAction.MATRIX_CHANGE,
        null,
        TraceSubject.NONE,
        decision,
        target + ": " + was + " -> " + rights.cell(),
        ErrorCode.FORBIDDEN);
    // This node forgets at once; the others on their next access, through the version.
    reference.sync(matrix.version());
    return change;
  }

  private void require(Actor actor, AccountAction action, TraceAction traced, String detail) {
    gate.admit(actor, action, traced, detail);
  }
}
