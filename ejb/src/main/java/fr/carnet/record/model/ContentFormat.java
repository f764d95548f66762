package fr.carnet.record.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The formats Carnet accepts, each recognised by the content's own signature: a PDF must start like
 * a PDF, whatever the sender claims.
 */
public enum ContentFormat {
  PDF("application/pdf") {
    @Override
    boolean matches(byte[] head) {
      return startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII));
    }
  },
  CDA("application/hl7-cda+xml") {
    @Override
    boolean matches(byte[] head) {
      String text = head(head);
      return text.stripLeading().replace("\uFEFF", "").startsWith("<")
          && text.contains("ClinicalDocument");
    }
  },
  JPEG("image/jpeg") {
    @Override
    boolean matches(byte[] head) {
      return startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    }
  },
  PNG("image/png") {
    @Override
    boolean matches(byte[] head) {
      return startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    }
  },
  TEXT("text/plain") {
    @Override
    boolean matches(byte[] head) {
      // Judged on the whole content, as it was received: see accepts.
      return true;
    }
  };

  private final String mediaType;

  ContentFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** Whether the first bytes (up to 4 KiB) are this format's. */
  abstract boolean matches(byte[] head);

  /** The format of a declared media type, if accepted; CDA also comes as plain XML types. */
  public static Optional<ContentFormat> ofMediaType(String declared) {
    if (declared == null) {
      return Optional.empty();
    }
    String type = declared.split(";")[0].trim().toLowerCase();
    if (type.equals("application/xml") || type.equals("text/xml")) {
      return Optional.of(CDA);
    }
    return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
  }

  /** Whether the content really is of this format. */
  public boolean accepts(byte[] content) {
    return accepts(DocumentContent.of(content));
  }

  /**
   * Whether the received content really is of this format: from its first bytes, or for text from
   * what its reception found of all of it (UTF-8, no NUL).
   */
  public boolean accepts(DocumentContent content) {
    return content.size() > 0 && matches(content.head()) && (this != TEXT || content.text());
  }

  private static boolean startsWith(byte[] head, byte[] signature) {
    return head.length >= signature.length
        && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
  }

  private static String head(byte[] head) {
    return new String(head, StandardCharsets.UTF_8);
  }
}
