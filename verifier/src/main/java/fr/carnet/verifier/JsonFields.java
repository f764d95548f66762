package fr.carnet.verifier;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Reading the fields the files have, strictly: a wrong type or a bad hash is an error. */
final class JsonFields {

  private JsonFields() {}

  static JsonObject object(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  static boolean present(JsonObject json, String name) {
    return json.containsKey(name) && json.get(name).getValueType() != JsonValue.ValueType.NULL;
  }

  /** A text field; null when absent or null. */
  static String text(JsonObject json, String name) {
    if (!present(json, name)) {
      return null;
    }
    JsonValue value = json.get(name);
    if (value instanceof JsonString s) {
      return s.getString();
    }
    throw new IllegalArgumentException(name + " is not a string");
  }

  static String requiredText(JsonObject json, String name) {
    String value = text(json, name);
    if (value == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return value;
  }

  static long number(JsonObject json, String name) {
    if (!present(json, name) || !(json.get(name) instanceof JsonNumber n)) {
      throw new IllegalArgumentException("no whole number " + name);
    }
    return n.longValueExact();
  }

  static Long optionalNumber(JsonObject json, String name) {
    return present(json, name) ? number(json, name) : null;
  }

  /** A 32-byte hash in hex. */
  static byte[] hash(JsonObject json, String name) {
    return hash(requiredText(json, name), name);
  }

  static byte[] hash(String hex, String name) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not hex");
    }
    if (bytes.length != Rfc9162.HASH_LENGTH) {
      throw new IllegalArgumentException(name + " is not 32 bytes");
    }
    return bytes;
  }

  /** A list of 32-byte hashes in hex; null when absent. */
  static List<byte[]> hashes(JsonObject json, String name) {
    if (!present(json, name)) {
      return null;
    }
    if (!(json.get(name) instanceof JsonArray array)) {
      throw new IllegalArgumentException(name + " is not an array");
    }
    List<byte[]> hashes = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonString s)) {
        throw new IllegalArgumentException(name + " holds a non-string");
      }
      hashes.add(hash(s.getString(), name));
    }
    return hashes;
  }

  static Instant instant(JsonObject json, String name) {
    return Instant.parse(requiredText(json, name));
  }

  static byte[] base64(JsonObject json, String name) {
    return Base64.getDecoder().decode(requiredText(json, name));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The first 12 hex digits of a hash, for the findings' words. */
  static String shortHex(byte[] bytes) {
    return hex(bytes).substring(0, 12) + "…";
  }
}
