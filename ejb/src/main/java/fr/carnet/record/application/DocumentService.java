package fr.carnet.record.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccessPolicy;
import fr.carnet.access.Decision;
import fr.carnet.access.DocumentFacts;
import fr.carnet.access.Layer;
import fr.carnet.access.Refusal;
import fr.carnet.access.Visibility;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.PendingTrace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.ContentFormat;
import fr.carnet.record.model.ContentStore;
import fr.carnet.record.model.Document;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Documents pushed by care and given back to the right people. Each method is one transaction in
 * which the policy decides and the trace is written; a refusal commits its trace.
 */
@Stateless
public class DocumentService {

  private static final String PATIENT_CLASS = "PATIENT";
  private static final Set<ContentFormat> PATIENT_FORMATS =
      EnumSet.of(ContentFormat.PDF, ContentFormat.JPEG, ContentFormat.PNG);

  @Inject private IdentityRepository identities;
  @Inject private DocumentRepository documents;
  @Inject private ContentStore contents;
  @Inject private ReferenceData reference;
  @Inject private AccessGate gate;
  @Inject private Notifications notifications;
  @Inject private AccessService access;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxBytes;

  /**
   * Files a document. Idempotent on the unique id per source: the same push again returns the same
   * document; another document under a used id is refused.
   */
  public Published publish(Actor actor, PublishCommand command) {
    Intended intended = intendPublish(actor, command);
    if (!intended.decision().permitted()) {
      refusePublish(actor, command, intended);
    }
    return file(actor, TraceAction.DOCUMENT_PUBLISH, command, intended, null);
  }

  /**
   * A refused push, traced with the flags it asked for: nothing was filed to tell them, and a
   * refused secret stays as secret as a filed one.
   */
  private void refusePublish(Actor actor, PublishCommand command, Intended intended) {
    gate.pass(
        actor,
        TraceAction.DOCUMENT_PUBLISH,
        intended.recordId(),
        TraceSubject.unfiled(command.withheldFromPatient(), command.hiddenFromRepresentatives()),
        intended.decision(),
        intended.classCode(),
        ErrorCode.FORBIDDEN);
  }

  /**
   * A submission of several documents (IHE MHD Provide Document Bundle): all filed, or none. Every
   * document is decided before any is filed, so that a refusal leaves its trace and files nothing;
   * then each is filed as {@link #publish} or {@link #revise} would, each with its own trace.
   */
  public List<Published> publishAll(Actor actor, List<Submitted> submission) {
    if (submission.isEmpty()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a submission has a document");
    }
    for (Submitted submitted : submission) {
      Intended intended =
          submitted.replaces() == null
              ? intendPublish(actor, submitted.command())
              : intendRevise(
                  actor,
                  targetRecord(actor, submitted.command()),
                  submitted.replaces(),
                  submitted.command());
      if (!intended.decision().permitted()) {
        if (submitted.replaces() == null) {
          refusePublish(actor, submitted.command(), intended);
        } else {
          refuseVersion(
              actor, intended.recordId(), submitted.replaces(), submitted.command(), intended);
        }
      }
    }
    List<Published> filed = new ArrayList<>();
    for (Submitted submitted : submission) {
      try {
        filed.add(
            submitted.replaces() == null
                ? publish(actor, submitted.command())
                : revise(
                    actor,
                    targetRecord(actor, submitted.command()),
                    submitted.replaces(),
                    submitted.command()));
      } catch (AccessRefused e) {
        // Decided otherwise than a moment ago (an earlier document of the submission changed the
        // facts): nothing of the submission may stay.
        throw new CarnetException(e.code(), e.getMessage());
      }
    }
    return filed;
  }

  /** A document of a submission: a first version, or the next version of {@code replaces}. */
  public record Submitted(PublishCommand command, UUID replaces) {}

  /** What filing would be: the record, format, type, class and the policy's decision. */
  private record Intended(
      UUID recordId,
      ContentFormat format,
      DocumentType type,
      String classCode,
      Decision decision) {}

  private Intended intendPublish(Actor actor, PublishCommand command) {
    ContentFormat format = acceptedFormat(command);
    if (uploadsAsThePerson(actor) && (format == null || !PATIENT_FORMATS.contains(format))) {
      throw new CarnetException(
          ErrorCode.UNSUPPORTED_CONTENT, "A patient uploads a photo (JPEG, PNG) or a PDF");
    }
    notWithheldFromThePerson(actor, command);
    UUID recordId = targetRecord(actor, command);
    if (command.type() == null && !uploadsAsThePerson(actor)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "type is required");
    }
    AccessFacts facts = access.facts(actor, recordId);
    DocumentType type =
        command.type() == null ? DocumentType.generic(PATIENT_CLASS) : command.type();
    String classCode =
        reference
            .classOf(type)
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.DOCUMENT_TYPE_UNKNOWN,
                        "No class for type " + type.system() + "|" + type.code()));
    return new Intended(
        recordId, format, type, classCode, policy().mayPublish(actor, facts, classCode));
  }

  private Intended intendRevise(
      Actor actor, UUID recordId, UUID documentId, PublishCommand command) {
    return intendRevise(
        actor, recordId, access.facts(actor, recordId), document(recordId, documentId), command);
  }

  private Intended intendRevise(
      Actor actor, UUID recordId, AccessFacts facts, Document previous, PublishCommand command) {
    notWithheldFromThePerson(actor, command);
    ContentFormat format = acceptedFormat(command);
    DocumentType type = command.type() == null ? previous.type() : command.type();
    String classCode =
        reference
            .classOf(type)
            .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_TYPE_UNKNOWN));
    Decision decision = policy().mayAmend(actor, facts, documentFacts(previous));
    if (decision.permitted()) {
      decision = policy().mayPublish(actor, facts, classCode);
    }
    return new Intended(recordId, format, type, classCode, decision);
  }

  /**
   * Replaces a current document by a new version, by its author. The old version stays in the
   * document's history, superseded.
   */
  public Published revise(Actor actor, UUID recordId, UUID documentId, PublishCommand command) {
    ContentFormat format = acceptedFormat(command);
    AccessFacts facts = access.facts(actor, recordId);
    Document previous = document(recordId, documentId);
    var replayed = documents.findBySource(actor.finess(), command.uniqueId());
    if (replayed.isPresent() && previous.id().equals(replayed.get().replacesId())) {
      // A repeated version push answers with the version it made, as a read: decided and traced.
      Decision replay = policy().mayRead(actor, facts, documentFacts(replayed.get()));
      gate.pass(
          actor,
          TraceAction.DOCUMENT_VERSION,
          recordId,
          subject(replayed.get()),
          replay,
          "REPLAY",
          ErrorCode.DOCUMENT_NOT_FOUND);
      return replay(
          replayed.get(),
          fingerprint(recordId, replayed.get().type(), format, contentHash(command), command));
    }
    // Decided on the facts read above: one query of them per request.
    Intended intended = intendRevise(actor, recordId, facts, previous, command);
    if (!intended.decision().permitted()) {
      refuseVersion(actor, recordId, documentId, command, intended);
    }
    // The trace names the version it made, which names the one it replaced (the history counts a
    // secret of either).
    return file(actor, TraceAction.DOCUMENT_VERSION, command, intended, previous);
  }

  /**
   * A refused version, traced about the document it would have replaced, with the flags the version
   * asked for (nothing filed will tell them; the replaced document tells its own).
   */
  private void refuseVersion(
      Actor actor, UUID recordId, UUID documentId, PublishCommand command, Intended intended) {
    gate.pass(
        actor,
        TraceAction.DOCUMENT_VERSION,
        recordId,
        TraceSubject.refusedVersion(
            documentId, command.withheldFromPatient(), command.hiddenFromRepresentatives()),
        intended.decision(),
        intended.classCode(),
        ErrorCode.FORBIDDEN);
  }

  /** Withdraws a document, by its author: hidden from everyone, its content kept. */
  public void withdraw(Actor actor, UUID recordId, UUID documentId) {
    amendable(actor, recordId, documentId, TraceAction.DOCUMENT_WITHDRAW).withdraw();
  }

  /** Makes a withheld document visible to the patient, by its author. */
  public DocumentListing release(Actor actor, UUID recordId, UUID documentId) {
    Document document = amendable(actor, recordId, documentId, TraceAction.DOCUMENT_RELEASE);
    document.release();
    tellPatient(document);
    return document.listing();
  }

  /**
   * Tells the patient a document arrived, unless it is withheld from them (it is told when
   * released) or secret from representatives (the message could reach a minor's parents).
   */
  private void tellPatient(Document document) {
    if (tellsPatient(document)) {
      notifications.documentArrived(document.recordId());
    }
  }

  private static boolean tellsPatient(Document document) {
    return !document.withheldFromPatient() && !document.hiddenFromRepresentatives();
  }

  private Document amendable(Actor actor, UUID recordId, UUID documentId, TraceAction action) {
    return decided(
        actor,
        recordId,
        documentId,
        action,
        (facts, document) -> policy().mayAmend(actor, facts, document),
        ErrorCode.FORBIDDEN);
  }

  /**
   * Files a decided document (a first version, or the next one of {@code previous}) with its trace,
   * which names it, and the patient's notification: one statement, so one round trip, for a content
   * of up to one chunk. A unique id the source used already files nothing: the same push again is
   * answered with the document it made (traced as such), another one is a conflict.
   */
  private Published file(
      Actor actor,
      TraceAction action,
      PublishCommand command,
      Intended intended,
      Document previous) {
    UUID recordId = intended.recordId();
    String hash = contentHash(command);
    // An app's uploads (issue 21) keep their own idempotency space beside the person's, one per
    // app: another app reusing a unique id neither learns of nor is answered with this one's.
    String source =
        actor.is(Role.APP)
            ? appSource(actor.app(), recordId)
            : actor.is(Role.PATIENT) ? "patient:" + recordId : actor.finess();
    String fingerprint = fingerprint(recordId, intended.type(), intended.format(), hash, command);
    Author author =
        uploadsAsThePerson(actor)
            ? Author.patient()
            : Author.professional(
                actor.rpps(), actor.profession(), actor.specialty(), actor.finess());
    Document document =
        new Document(
            recordId,
            source,
            command.uniqueId(),
            fingerprint,
            intended.type(),
            intended.classCode(),
            command.title(),
            command.authoredAt(),
            clock.instant(),
            author,
            intended.format(),
            command.content() == null ? null : command.content().size(),
            hash,
            command.reference(),
            command.withheldFromPatient(),
            // A minor's secret stays one through its versions: a correction cannot expose it.
            command.hiddenFromRepresentatives()
                || (previous != null && previous.hiddenFromRepresentatives()));
    if (previous != null) {
      Document.nextVersion(previous, document);
    }
    PendingTrace trace =
        gate.permitted(
            actor, action, recordId, subject(document), intended.decision(), intended.classCode());
    boolean filed;
    // Read again from where it was received (memory, or the upload's temporary file), a chunk at a
    // time.
    try (InputStream content = command.content() == null ? null : command.content().open()) {
      filed =
          documents.file(
              document,
              content,
              trace.entry(),
              !actor.is(Role.PATIENT) && tellsPatient(document)
                  ? notifications.documentArrival(recordId)
                  : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!filed) {
      gate.withdraw(trace);
      return replay(actor, action, source, command.uniqueId(), fingerprint, intended);
    }
    gate.carried(trace);
    if (previous != null) {
      previous.supersede();
    }
    return new Published(document.listing(), true);
  }

  /**
   * The source's unique id was taken: by the same push made before (answered with its document,
   * traced as the push), or by another document (a conflict, nothing kept).
   */
  private Published replay(
      Actor actor,
      TraceAction action,
      String source,
      String uniqueId,
      String fingerprint,
      Intended intended) {
    Document existing =
        documents
            .findBySource(source, uniqueId)
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.DOCUMENT_CONFLICT, "A push with this unique id is in progress"));
    Published replayed = replay(existing, fingerprint);
    gate.pass(
        actor,
        action,
        intended.recordId(),
        subject(existing),
        intended.decision(),
        intended.classCode(),
        ErrorCode.FORBIDDEN);
    return replayed;
  }

  /** A page of the record's documents that the caller may see, newest first. */
  public DocumentPage search(Actor actor, UUID recordId, DocumentQuery query) {
    Visibility visibility = policy().visibility(actor, access.facts(actor, recordId));
    if (!visibility.decision().permitted()) {
      gate.pass(
          actor,
          TraceAction.DOCUMENT_SEARCH,
          recordId,
          TraceSubject.NONE,
          visibility.decision(),
          null,
          ErrorCode.FORBIDDEN);
    }
    // The page and its trace, which names what it found, in one statement.
    PendingTrace trace =
        gate.permitted(
            actor,
            TraceAction.DOCUMENT_SEARCH,
            recordId,
            TraceSubject.NONE,
            visibility.decision(),
            null);
    List<DocumentListing> found = documents.search(recordId, query, visibility, trace.entry());
    gate.carried(trace);
    DocumentQuery.Position next =
        found.size() < query.limit()
            ? null
            : new DocumentQuery.Position(
                found.get(found.size() - 1).authoredAt(), found.get(found.size() - 1).id());
    return new DocumentPage(found, next);
  }

  /** One document's metadata. A document the caller may not see does not exist for them. */
  public DocumentListing read(Actor actor, UUID recordId, UUID documentId) {
    return readable(actor, recordId, documentId, TraceAction.DOCUMENT_READ);
  }

  /** One document's metadata by its id alone (a FHIR read), decided and traced as {@link #read}. */
  public DocumentListing read(Actor actor, UUID documentId) {
    return readable(actor, recordOf(documentId), documentId, TraceAction.DOCUMENT_READ);
  }

  /** One document's content by its id alone (a FHIR Binary), as {@link #openContent}. */
  public ContentHandle openContent(Actor actor, UUID documentId) {
    return openContent(actor, recordOf(documentId), documentId);
  }

  /** The record of a document; an unknown one does not exist, as an invisible one. */
  private UUID recordOf(UUID documentId) {
    return documents
        .listing(documentId)
        .map(DocumentListing::recordId)
        .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_NOT_FOUND));
  }

  /** One document's content, decided and traced now, streamed by the caller afterwards. */
  public ContentHandle openContent(Actor actor, UUID recordId, UUID documentId) {
    DocumentListing document = readable(actor, recordId, documentId, TraceAction.CONTENT_READ);
    return new ContentHandle(
        document.id(),
        document.contentType(),
        document.size(),
        document.hash(),
        document.reference() == null ? null : document.reference().url(),
        contents);
  }

  /**
   * A document to read, once the policy permits it, the decision traced either way. Read as a
   * listing (plain SQL): a read changes nothing, so no managed entity is needed.
   */
  private DocumentListing readable(
      Actor actor, UUID recordId, UUID documentId, TraceAction action) {
    AccessFacts facts = access.facts(actor, recordId);
    DocumentListing document =
        documents
            .listing(recordId, documentId)
            .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_NOT_FOUND));
    // The trace keeps the true reason; the caller is told the document does not exist.
    gate.pass(
        actor,
        action,
        recordId,
        subject(document),
        policy().mayRead(actor, facts, documentFacts(document)),
        null,
        ErrorCode.DOCUMENT_NOT_FOUND);
    return document;
  }

  /** One document, once the policy's rule permits it; the decision is traced either way. */
  private Document decided(
      Actor actor,
      UUID recordId,
      UUID documentId,
      TraceAction action,
      BiFunction<AccessFacts, DocumentFacts, Decision> rule,
      ErrorCode refusal) {
    AccessFacts facts = access.facts(actor, recordId);
    Document document = document(recordId, documentId);
    Decision decision = rule.apply(facts, documentFacts(document));
    gate.pass(actor, action, recordId, subject(document), decision, null, refusal);
    return document;
  }

  private Document document(UUID recordId, UUID documentId) {
    return documents
        .find(recordId, documentId)
        .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_NOT_FOUND));
  }

  /** What a trace about this document concerns: the document and its secrecy. */
  public static TraceSubject subject(Document d) {
    return TraceSubject.of(d.id(), d.withheldFromPatient(), d.hiddenFromRepresentatives());
  }

  private static TraceSubject subject(DocumentListing d) {
    return TraceSubject.of(d.id(), d.withheldFromPatient(), d.hiddenFromRepresentatives());
  }

  /** What the policy needs to know of a listed document. */
  public static DocumentFacts documentFacts(DocumentListing d) {
    return facts(
        d.classCode(),
        d.author(),
        d.withheldFromPatient(),
        d.hiddenFromRepresentatives(),
        d.masked(),
        d.status());
  }

  /** What the policy needs to know of a document. */
  public static DocumentFacts documentFacts(Document d) {
    return facts(
        d.classCode(),
        d.author(),
        d.withheldFromPatient(),
        d.hiddenFromRepresentatives(),
        d.masked(),
        d.status());
  }

  private static DocumentFacts facts(
      String classCode,
      Author author,
      boolean withheld,
      boolean hidden,
      boolean masked,
      DocumentStatus status) {
    return new DocumentFacts(
        classCode, author.kind(), author.rpps(), withheld, hidden, masked, status);
  }

  /**
   * Whether the actor files as the person: the patient, or an app the patient connected with {@code
   * documents:write} (the policy decides whether it may), into the person's own record.
   */
  private static boolean uploadsAsThePerson(Actor actor) {
    return actor.is(Role.PATIENT) || actor.is(Role.APP);
  }

  /**
   * The idempotency source of an app's uploads into a record: the client id as a digest (64 bits),
   * so that it fits the source's 64 characters whatever the client id's length (up to 128).
   */
  static String appSource(String clientId, UUID recordId) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "app:" + java.util.HexFormat.of().formatHex(digest, 0, 8) + ":" + recordId;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /**
   * Withholding a document from the patient is a professional's act (the announcement of a
   * diagnosis): the person, or an app filing as them, would hide their own upload from themself,
   * where only the policy's exceptions should, so the request is refused and nothing stored.
   */
  private static void notWithheldFromThePerson(Actor actor, PublishCommand command) {
    if (uploadsAsThePerson(actor) && command.withheldFromPatient()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "withheldFromPatient is a professional's flag: the person's own uploads are never"
              + " withheld from them");
    }
  }

  private UUID targetRecord(Actor actor, PublishCommand command) {
    if (uploadsAsThePerson(actor)) {
      return ownRecord(actor);
    }
    if (command.ins() == null || command.traits() == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "patient.ins and patient.traits are required");
    }
    // Refused for identity reasons, a push is traced too (never with the INS): an unknown INS
    // without a record, traits that do not match on the record of the INS.
    PatientIdentity identity = identities.findByInsNumber(command.ins().number()).orElse(null);
    if (identity == null) {
      gate.pass(
          actor,
          TraceAction.DOCUMENT_PUBLISH,
          null,
          TraceSubject.NONE,
          Decision.deny(Layer.IDENTITY, Refusal.RECORD_NOT_FOUND),
          null,
          ErrorCode.RECORD_NOT_FOUND);
    }
    if (!identity.traits().matches(command.traits())) {
      // Never filed on a guess: a document must not land in the wrong record.
      gate.pass(
          actor,
          TraceAction.DOCUMENT_PUBLISH,
          identity.recordId(),
          // A refused secret stays as secret as a filed one, in that record's history too.
          TraceSubject.unfiled(command.withheldFromPatient(), command.hiddenFromRepresentatives()),
          Decision.deny(Layer.IDENTITY, Refusal.INS_TRAITS_MISMATCH),
          null,
          ErrorCode.INS_TRAITS_MISMATCH);
    }
    return identity.recordId();
  }

  private UUID ownRecord(Actor actor) {
    return identities
        .findByInsNumber(actor.ins())
        .map(PatientIdentity::recordId)
        .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
  }

  private AccessPolicy policy() {
    return access.policy();
  }

  /** The content's checked format; null for an external reference, which has no content. */
  private ContentFormat acceptedFormat(PublishCommand command) {
    if ((command.reference() == null) == (command.content() == null)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "Send either content (with contentType) or reference");
    }
    if (command.reference() != null) {
      return null;
    }
    if (command.content().size() > maxBytes) {
      throw new CarnetException(
          ErrorCode.DOCUMENT_TOO_LARGE, "The content exceeds " + maxBytes + " bytes");
    }
    ContentFormat format =
        ContentFormat.ofMediaType(command.contentType())
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.UNSUPPORTED_CONTENT,
                        "Accepted: application/pdf, application/hl7-cda+xml, image/jpeg, image/png,"
                            + " text/plain"));
    if (!format.accepts(command.content())) {
      throw new CarnetException(
          ErrorCode.UNSUPPORTED_CONTENT, "The content is not " + format.mediaType());
    }
    return format;
  }

  private Published replay(Document existing, String fingerprint) {
    if (!existing.fingerprint().equals(fingerprint)) {
      throw new CarnetException(ErrorCode.DOCUMENT_CONFLICT);
    }
    return new Published(existing.listing(), false);
  }

  /** What makes two pushes the same document: everything the author said, and the bytes. */
  private static String fingerprint(
      UUID recordId, DocumentType type, ContentFormat format, String hash, PublishCommand c) {
    String canonical =
        String.join(
            "\n",
            recordId.toString(),
            type.system(),
            type.code(),
            c.title(),
            c.authoredAt().toString(),
            String.valueOf(format),
            String.valueOf(hash),
            String.valueOf(c.reference()),
            String.valueOf(c.withheldFromPatient()),
            String.valueOf(c.hiddenFromRepresentatives()));
    return sha256(canonical.getBytes(StandardCharsets.UTF_8));
  }

  private static String contentHash(PublishCommand command) {
    return command.content() == null ? null : command.content().hash();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
