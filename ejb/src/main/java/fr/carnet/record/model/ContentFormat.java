package fr.carnet.record.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
    boolean matches(byte[] content) {
      return startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII));
    }
  },
  CDA("application/hl7-cda+xml") {
    @Override
    boolean matches(byte[] content) {
      String head = head(content);
      return head.stripLeading().replace("\uFEFF", "").startsWith("<")
          && head.contains("ClinicalDocument");
    }
  },
  JPEG("image/jpeg") {
    @Override
    boolean matches(byte[] content) {
      return startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    }
  },
  PNG("image/png") {
    @Override
    boolean matches(byte[] content) {
      return startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    }
  },
  TEXT("text/plain") {
    @Override
    boolean matches(byte[] content) {
      for (byte b : content) {
        if (b == 0) {
          return false;
        }
      }
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(content));
        return true;
      } catch (CharacterCodingException e) {
        return false;
      }
    }
  };

  private static final int HEAD = 4096;

  private final String mediaType;

  ContentFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  abstract boolean matches(byte[] content);

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
    return content.length > 0 && matches(content);
  }

  private static boolean startsWith(byte[] content, byte[] signature) {
    return content.length >= signature.length
        && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
  }

  private static String head(byte[] content) {
    return new String(content, 0, Math.min(HEAD, content.length), StandardCharsets.UTF_8);
  }
}
