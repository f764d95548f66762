package fr.carnet.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The development key pair that signs dev tokens. Made on first use in a folder that is never
 * committed; a real deployment points {@code mp.jwt.verify.publickey.location} at its identity
 * provider instead.
 */
public final class DevKeys {

  private static final String PRIVATE_KEY = "private-key.pem";
  private static final String PUBLIC_KEY = "public-key.pem";

  private final Path folder;

  private DevKeys(Path folder) {
    this.folder = folder;
  }

  /** The key pair in {@code folder}, created there if absent. */
  public static DevKeys in(Path folder) {
    DevKeys keys = new DevKeys(folder);
    if (!Files.exists(keys.publicKeyFile())) {
      keys.generate();
    }
    return keys;
  }

  /**
   * The secret that keys the provisional codes' hashes: made once per dev folder, so that codes
   * issued before a restart still work after it.
   */
  public String codeSecret() {
    Path file = folder.resolve("code-secret");
    try {
      if (!Files.exists(file)) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Files.writeString(file, java.util.HexFormat.of().formatHex(secret));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return Files.readString(file).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The master key of the object store's contents (base64 of 32 bytes, owner-only), made once per
   * dev folder: the run command's default for {@code carnet.content.master-key} when an operator
   * tries {@code CARNET_CONTENT_STORE=s3}; production takes it from configuration.
   */
  public String contentMasterKey() {
    Path file = folder.resolve("content-master-key");
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Files.createDirectories(folder);
        Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return Files.readString(file).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The Ed25519 key that signs the audit tree's heads (PKCS#8 PEM, owner-only), made once per dev
   * folder: a key of its own, never the JWT key.
   */
  public Path treeSigningKeyFile() {
    Path file = folder.resolve("tree-signing-key.pem");
    try {
      if (!Files.exists(file)) {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(folder);
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path publicKeyFile() {
    return folder.resolve(PUBLIC_KEY);
  }

  public PrivateKey privateKey() {
    try {
      String pem = Files.readString(folder.resolve(PRIVATE_KEY));
      byte[] der =
          Base64.getMimeDecoder()
              .decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Unreadable dev private key in " + folder, e);
    }
  }

  private void generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(folder);
      Path privateKey = folder.resolve(PRIVATE_KEY);
      Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(publicKeyFile(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
