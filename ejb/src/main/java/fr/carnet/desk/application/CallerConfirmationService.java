package fr.carnet.desk.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.Refusal;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.desk.model.CallerConfirmations;
import fr.carnet.desk.model.CallerConfirmations.Challenge;
import fr.carnet.desk.model.CallerConfirmations.Method;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.notification.model.Channel;
import fr.carnet.notification.model.DeliveryFailure;
import fr.carnet.notification.model.Message;
import fr.carnet.notification.model.MessageChannel;
import fr.carnet.record.model.Contact;
import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agent confirms that the caller is the person before acting for them (issue 19): the INS and
 * traits the caller gives must be the record's, then, when the record has a registered contact, a
 * one-time code is sent there and the caller reads it back. The code is six digits, kept hashed,
 * valid minutes, spent on its first right use or after a bounded number of wrong ones. The
 * confirmation then counts for {@code carnet.desk.confirmation-validity}, for this agent and this
 * record only; the access facts carry it to the policy. Every step, and every refusal, is traced
 * under the agent's name, and the person sees it in their history.
 */
@Stateless
public class CallerConfirmationService {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject private IdentityRepository identities;
  @Inject private RecordRepository records;
  @Inject private CallerConfirmations confirmations;
  @Inject private AccessGate gate;
  @Inject private Clock clock;
  @Inject private Instance<MessageChannel> channels;

  @Inject
  @ConfigProperty(name = "carnet.desk.confirmation-validity", defaultValue = "PT15M")
  private Duration confirmationValidity;

  @Inject
  @ConfigProperty(name = "carnet.desk.code-validity", defaultValue = "PT10M")
  private Duration codeValidity;

  @Inject
  @ConfigProperty(name = "carnet.desk.code-attempts", defaultValue = "5")
  private int codeAttempts;

  /** Codes sent to one person, by all agents together, per rolling hour and day. */
  @Inject
  @ConfigProperty(name = "carnet.desk.codes-per-hour", defaultValue = "3")
  private int codesPerHour;

  @Inject
  @ConfigProperty(name = "carnet.desk.codes-per-day", defaultValue = "10")
  private int codesPerDay;

  // The provisional codes' secret keys the codes' hashes too (under its own label): a stolen table
  // of six-digit hashes cannot be tried offline.
  @Inject
  @ConfigProperty(name = "carnet.lifecycle.code-secret")
  private Optional<String> codeSecret;

  /** What the first step did: confirmed at once (no contact), or sent a code to read back. */
  public record Started(boolean confirmed, Channel channel, Instant until) {}

  /**
   * Checks the INS and traits against the record the agent has open; then confirms at once when the
   * record has no contact, else sends a new one-time code to the email (else the phone).
   */
  public Started begin(Actor actor, UUID recordId, Ins ins, Traits traits) {
    Decision decision =
        gate.check(actor, AccountAction.FIND_PERSON, TraceAction.CALLER_CONFIRM, "traits");
    PatientIdentity identity = identities.findByRecordId(recordId).orElse(null);
    if (identity == null
        || !identity.ins().number().equals(ins.number())
        || !identity.traits().matches(traits)) {
      gate.pass(
          actor,
          TraceAction.CALLER_CONFIRM,
          identity == null ? null : recordId,
          TraceSubject.NONE,
          Decision.deny(Layer.IDENTITY, Refusal.INS_TRAITS_MISMATCH),
          "traits",
          ErrorCode.INS_TRAITS_MISMATCH);
    }
    Record record =
        records.find(recordId).orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    Instant now = clock.instant();
    Contact contact = record.contact();
    String address =
        contact == null ? null : contact.email() != null ? contact.email() : contact.phone();
    if (address == null) {
      Instant until = now.plus(confirmationValidity);
      confirmations.confirm(recordId, actor.subject(), Method.TRAITS, now, until);
      gate.pass(actor, TraceAction.CALLER_CONFIRM, recordId, decision, "method=TRAITS");
      return new Started(true, null, until);
    }
    Channel channel = contact.email() != null ? Channel.EMAIL : Channel.SMS;
    if (confirmations.codesSentSince(recordId, now.minus(Duration.ofHours(1))) >= codesPerHour
        || confirmations.codesSentSince(recordId, now.minus(Duration.ofDays(1))) >= codesPerDay) {
      refuse(
          actor,
          TraceAction.CALLER_CODE_SEND,
          recordId,
          "CONFIRMATION_CODES_EXHAUSTED",
          ErrorCode.CONFIRMATION_CODES_EXHAUSTED);
    }
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    String codeHash = hash(recordId, actor, code);
    if (!send(channel, address, code)) {
      // Traced and refused without rollback: nothing was kept, the person received nothing.
      refuse(
          actor,
          TraceAction.CALLER_CODE_SEND,
          recordId,
          "CONFIRMATION_NOT_SENT",
          ErrorCode.CONFIRMATION_NOT_SENT);
    }
    confirmations.challenge(
        recordId, actor.subject(), codeHash, channel, now, now.plus(codeValidity));
    confirmations.codeSent(recordId, now);
    gate.pass(actor, TraceAction.CALLER_CODE_SEND, recordId, decision, "channel=" + channel);
    return new Started(false, channel, null);
  }

  /**
   * The code the caller reads back. A wrong one counts (and the count commits with its refusal's
   * trace); the last allowed wrong one spends the challenge: the agent must send a new code, which
   * the person receives and sees in their history.
   */
  public Instant confirm(Actor actor, UUID recordId, String code) {
    Decision decision =
        gate.check(actor, AccountAction.FIND_PERSON, TraceAction.CALLER_CONFIRM, "code");
    Instant now = clock.instant();
    Optional<Challenge> challenge = confirmations.challengeForUpdate(recordId, actor.subject());
    if (challenge.isEmpty() || !challenge.get().expiresAt().isAfter(now)) {
      confirmations.forgetChallenge(recordId, actor.subject());
      refuse(actor, recordId, "CONFIRMATION_CODE_EXPIRED", ErrorCode.CONFIRMATION_CODE_INVALID);
    }
    String given = code == null ? "" : code.replaceAll("\\s", "");
    boolean right =
        given.matches("\\d{6}")
            && MessageDigest.isEqual(
                challenge.get().codeHash().getBytes(StandardCharsets.US_ASCII),
                hash(recordId, actor, given).getBytes(StandardCharsets.US_ASCII));
    if (!right) {
      if (challenge.get().attempts() + 1 >= codeAttempts) {
        confirmations.forgetChallenge(recordId, actor.subject());
        refuse(actor, recordId, "CONFIRMATION_LOCKED", ErrorCode.CONFIRMATION_LOCKED);
      }
      confirmations.failedAttempt(recordId, actor.subject());
      refuse(actor, recordId, "CONFIRMATION_CODE_INVALID", ErrorCode.CONFIRMATION_CODE_INVALID);
    }
    confirmations.forgetChallenge(recordId, actor.subject());
    Instant until = now.plus(confirmationValidity);
    confirmations.confirm(recordId, actor.subject(), Method.TRAITS_AND_CODE, now, until);
    gate.pass(actor, TraceAction.CALLER_CONFIRM, recordId, decision, "method=TRAITS_AND_CODE");
    return until;
  }

  /**
   * The call is over: this agent's confirmation on the record counts no longer (the desk ends it
   * when the agent says so or opens another person). Nothing is read, so nothing is traced.
   */
  public void end(Actor actor, UUID recordId) {
    gate.check(actor, AccountAction.FIND_PERSON, TraceAction.CALLER_CONFIRM, "end");
    confirmations.end(recordId, actor.subject(), clock.instant());
  }

  /** Until when this agent's confirmation of the record's caller counts, if it does (no trace). */
  public Optional<Instant> confirmedUntil(Actor actor, UUID recordId) {
    return confirmations.confirmedUntil(recordId, actor.subject(), clock.instant());
  }

  private void refuse(Actor actor, UUID recordId, String reason, ErrorCode code) {
    refuse(actor, TraceAction.CALLER_CONFIRM, recordId, reason, code);
  }

  private void refuse(
      Actor actor, TraceAction traced, UUID recordId, String reason, ErrorCode code) {
    gate.refuse(
        actor, traced, recordId, Decision.deny(Layer.IDENTITY, reason), "code", code, code.title());
  }

  /** Sends the code straight to the person (never through the outbox); false if it could not. */
  private boolean send(Channel channel, String address, String code) {
    Optional<MessageChannel> out =
        channels.stream().filter(candidate -> candidate.channel() == channel).findFirst();
    if (out.isEmpty()) {
      return false;
    }
    String text =
        "Votre code de vérification Carnet : "
            + code
            + ". Un conseiller de l'Assurance Maladie vous le demande au téléphone. Il vaut "
            + codeValidity.toMinutes()
            + " minutes. Si vous n'êtes pas en train d'appeler l'Assurance Maladie, ne le donnez"
            + " à personne : aucun conseiller ne vous le demandera lors d'un appel qu'il vous"
            + " passe.";
    try {
      out.get().send(address, new Message("Votre code de vérification Carnet", text));
      return true;
    } catch (DeliveryFailure e) {
      return false;
    }
  }

  // Bound to the record and the agent: a code read to one agent confirms nothing for another.
  private String hash(UUID recordId, Actor actor, String code) {
    String secret =
        codeSecret
            .filter(s -> s.length() >= 16)
            .orElseThrow(
                () -> new IllegalStateException("carnet.lifecycle.code-secret is not set"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              ("caller-code:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] bytes =
          mac.doFinal(
              (recordId + ":" + actor.subject() + ":" + code).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
