package fr.carnet.portability.interfaces.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import fr.carnet.audit.interfaces.rest.AccessHistoryResource;
import fr.carnet.audit.model.Trace;
import fr.carnet.portability.application.RecordExport;
import fr.carnet.record.interfaces.fhir.FhirDocuments;
import fr.carnet.record.interfaces.rest.DocumentJson;
import fr.carnet.record.interfaces.rest.ProfileEntryJson;
import fr.carnet.record.model.DocumentListing;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * The portability archive, written as a ZIP straight onto the response: each file is streamed into
 * its entry while its SHA-256 and size are taken, document contents one at a time a chunk at a
 * time, so that nothing but the manifest's list of (path, size, hash) grows with the record. Then
 * {@code manifest.json}, listing every other file, and {@code manifest.jws}, its detached JWS.
 *
 * <pre>
 * record.json                 format, the record's state and dates, who exported it and when
 * documents/&lt;id&gt;.json         each document's metadata, as the documents API shows it
 * documents/&lt;id&gt;.&lt;ext&gt;        its content (none for an external reference)
 * profile.json                the medical profile, each entry with its provenance
 * consents.json               the patient's controls, by kind
 * access-history.json         the access history, as the history endpoint shows it
 * fhir/bundle.json            a FHIR R4 Bundle (collection) of the documents as DocumentReferences
 * manifest.json               every file above: path, size, sha256
 * manifest.jws                detached JWS (RFC 7515 appendix F) of manifest.json, EdDSA
 * </pre>
 */
final class ExportArchive {

  static final String FORMAT = "carnet-export:v1";
  static final String MANIFEST_FORMAT = "carnet-export-manifest:v1";

  private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  private final RecordExport export;
  private final ZipOutputStream zip;
  private final List<FileEntry> files = new ArrayList<>();

  private record FileEntry(String path, long size, String sha256) {}

  private ExportArchive(RecordExport export, OutputStream out) {
    this.export = export;
    this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    // Contents are mostly PDFs and images, compressed already: speed over a few per cent.
    zip.setLevel(Deflater.BEST_SPEED);
  }

  /** Writes the whole archive of the export onto {@code out}. */
  static void write(RecordExport export, OutputStream out) throws IOException {
    new ExportArchive(export, out).write();
  }

  private void write() throws IOException {
    json("record.json", recordFile());
    export.forEachDocument(
        document -> {
          json("documents/" + document.id() + ".json", DocumentJson.of(document));
          if (document.size() != null) {
            entry(contentPath(document), out -> export.copyContent(document, out));
          }
        });
    json("profile.json", export.profile().stream().map(ProfileEntryJson::of).toList());
    json("consents.json", export.consents());
    entry("access-history.json", this::history);
    entry("fhir/bundle.json", this::bundle);
    byte[] manifest = manifest();
    entry("manifest.json", out -> out.write(manifest), false);
    entry(
        "manifest.jws",
        out -> out.write(export.sign(manifest).getBytes(StandardCharsets.US_ASCII)),
        false);
    zip.finish();
    zip.flush();
  }

  private Map<String, Object> recordFile() {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("format", FORMAT);
    file.put("exportedAt", export.exportedAt().toString());
    file.put("exportedBy", export.exportedBy());
    file.put("record", export.record());
    return file;
  }

  /** The history's entries, as the history endpoint words them, a batch at a time. */
  private void history(OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write("{\"recordId\":\"" + export.recordId() + "\",\"entries\":[");
    boolean[] first = {true};
    export
        .history()
        .forEachBatch(
            (entries, proofs) -> {
              for (Trace t : entries) {
                writer.write(first[0] ? "" : ",");
                first[0] = false;
                writer.write(JSON.toJson(AccessHistoryResource.entry(t)));
              }
            });
    writer.write("]}");
    writer.flush();
  }

  /**
   * The documents as FHIR DocumentReferences, each mapped as the FHIR API maps it, its attachment
   * pointing at its content in this archive; written one resource at a time.
   */
  private void bundle(OutputStream out) throws IOException {
    IParser parser = FhirContext.forR4Cached().newJsonParser();
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write(
        "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\""
            + export.exportedAt()
            + "\",\"entry\":[");
    boolean[] first = {true};
    export.forEachDocument(
        document -> {
          DocumentReference reference = FhirDocuments.reference(document, "");
          if (document.reference() == null) {
            reference.getContentFirstRep().getAttachment().setUrl(contentPath(document));
          }
          writer.write(first[0] ? "" : ",");
          first[0] = false;
          writer.write("{\"fullUrl\":\"urn:uuid:" + document.id() + "\",\"resource\":");
          writer.write(parser.encodeResourceToString(reference));
          writer.write("}");
        });
    writer.write("]}");
    writer.flush();
  }

  private byte[] manifest() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (FileEntry file : files) {
      list.add(
          Json.createObjectBuilder()
              .add("path", file.path())
              .add("size", file.size())
              .add("sha256", file.sha256()));
    }
    JsonObjectBuilder manifest =
        Json.createObjectBuilder()
            .add("format", MANIFEST_FORMAT)
            .add("recordId", export.recordId().toString())
            .add("exportedAt", export.exportedAt().toString())
            .add("hashAlgorithm", "SHA-256")
            .add("files", list);
    return manifest.build().toString().getBytes(StandardCharsets.UTF_8);
  }

  private void json(String path, Object value) throws IOException {
    entry(path, out -> JSON.toJson(value, out));
  }

  @FunctionalInterface
  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private void entry(String path, Body body) throws IOException {
    entry(path, body, true);
  }

  /**
   * One file, its bytes streamed into the ZIP through a digest; listed in the manifest if asked.
   */
  private void entry(String path, Body body, boolean listed) throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    HashingStream hashing = new HashingStream(zip);
    body.writeTo(hashing);
    hashing.flush();
    zip.closeEntry();
    if (listed) {
      files.add(
          new FileEntry(path, hashing.count, HexFormat.of().formatHex(hashing.digest.digest())));
    }
  }

  static String contentPath(DocumentListing document) {
    return "documents/" + document.id() + "." + extension(document.contentType());
  }

  private static String extension(String contentType) {
    if (contentType == null) {
      return "bin";
    }
    return switch (contentType) {
      case "application/pdf" -> "pdf";
      case "application/hl7-cda+xml" -> "xml";
      case "image/jpeg" -> "jpg";
      case "image/png" -> "png";
      case "text/plain" -> "txt";
      default -> "bin";
    };
  }

  /**
   * Counts and hashes what goes through into the ZIP entry; closing it closes nothing (the JSON
   * writers close their stream when done, the ZIP must go on).
   */
  private static final class HashingStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    HashingStream(OutputStream out) {
      super(out);
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
