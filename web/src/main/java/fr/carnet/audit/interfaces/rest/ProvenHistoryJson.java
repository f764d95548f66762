package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.HistoryProofs;
import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceTree;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Base64;

/**
 * History entries with their proofs, written with every key present (null included, which JSON-B
 * would leave out): a verifier recomputes the leaf from these fields, so an absent one must never
 * have to be guessed. The shapes are those of {@link AccessHistoryResource}'s records, which
 * document them.
 */
final class ProvenHistoryJson {

  private ProvenHistoryJson() {}

  static JsonObject entry(
      AccessHistoryResource.HistoryEntryJson e, HistoryProofs.EntryProof proof) {
    AccessHistoryResource.HistoryActorJson a = e.actor();
    JsonObjectBuilder actor = Json.createObjectBuilder();
    text(actor, "role", a.role());
    text(actor, "rpps", a.rpps());
    text(actor, "profession", a.profession());
    text(actor, "professionLabel", a.professionLabel());
    text(actor, "finess", a.finess());
    JsonObjectBuilder entry = Json.createObjectBuilder();
    text(entry, "at", e.at());
    text(entry, "summary", e.summary());
    entry.add("actor", actor);
    text(entry, "action", e.action());
    text(entry, "mode", e.mode());
    text(entry, "outcome", e.outcome());
    text(entry, "documentId", e.documentId());
    text(entry, "reason", e.reason());
    entry.add("proof", proof == null ? JsonValue.NULL : proof(proof));
    return entry.build();
  }

  private static JsonObject proof(HistoryProofs.EntryProof proof) {
    TraceCanonicalForm.Shown s = proof.entry();
    JsonObjectBuilder entry =
        Json.createObjectBuilder().add("form", 2).add("id", s.id()).add("atMicros", s.atMicros());
    text(entry, "actorRole", s.actorRole());
    text(entry, "actorRpps", s.actorRpps());
    text(entry, "actorProfession", s.actorProfession());
    text(entry, "actorFiness", s.actorFiness());
    text(entry, "recordId", s.recordId());
    text(entry, "documentId", s.documentId());
    text(entry, "action", s.action());
    text(entry, "outcome", s.outcome());
    text(entry, "accessMode", s.accessMode());
    entry.add("sealed", TreeHeadJson.hex(s.sealed()));
    JsonArrayBuilder path = Json.createArrayBuilder();
    proof.path().forEach(hash -> path.add(TreeHeadJson.hex(hash)));
    return Json.createObjectBuilder()
        .add("position", proof.position())
        .add("treeSize", proof.treeSize())
        .add("entry", entry)
        .add("path", path)
        .build();
  }

  /** The head as the witness file has it (the timestamp as it is signed); null when none yet. */
  static JsonValue treeHead(TraceTree.SignedHead head) {
    if (head == null) {
      return JsonValue.NULL;
    }
    return Json.createObjectBuilder()
        .add("size", head.size())
        .add("root", TreeHeadJson.hex(head.root()))
        .add("timestamp", head.timestamp().toString())
        .add("signature", Base64.getEncoder().encodeToString(head.signature()))
        .add("keyId", head.keyId())
        .build();
  }

  private static void text(JsonObjectBuilder json, String name, Object value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.toString());
    }
  }
}
