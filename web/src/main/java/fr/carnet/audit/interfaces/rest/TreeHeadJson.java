package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.model.TraceTree;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A signed tree head as the witness file has it: Ed25519 over {@code
 * carnet-tree-head:v1\n<size>\n<root hex>\n<timestamp>}.
 */
public record TreeHeadJson(
    long size,
    @Schema(description = "MTH of the first size leaves, hex") String root,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant timestamp,
    @Schema(description = "Ed25519 signature, base64") String signature,
    @Schema(description = "SHA-256 of the public key's X.509 encoding, hex") String keyId) {

  static TreeHeadJson of(TraceTree.SignedHead head) {
    return head == null
        ? null
        : new TreeHeadJson(
            head.size(),
            hex(head.root()),
            head.timestamp(),
            Base64.getEncoder().encodeToString(head.signature()),
            head.keyId());
  }

  static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(TreeHeadJson::hex).toList();
  }
}
