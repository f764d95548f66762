package fr.carnet.e2e;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;

/** Made-up people with valid INS, a new one each call, so that tests never collide. */
final class People {

  static final String NIR_OID = "1.2.250.1.213.1.4.8";
  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 500));

  private People() {}

  /** A valid NIR of a woman born in Paris in May 1985, with a fresh order number. */
  static String newNir() {
    int serial = SERIAL.incrementAndGet();
    String thirteen = String.format("2850575%06d", serial);
    int key = 97 - new BigInteger(thirteen).mod(BigInteger.valueOf(97)).intValue();
    return thirteen + String.format("%02d", key);
  }

  /** A valid NIR of a boy born in Paris in March 2015: a minor until March 2033. */
  static String newChildNir() {
    int serial = SERIAL.incrementAndGet();
    String thirteen = String.format("1150375%06d", serial);
    int key = 97 - new BigInteger(thirteen).mod(BigInteger.valueOf(97)).intValue();
    return thirteen + String.format("%02d", key);
  }

  static String child() {
    return "{\"birthName\":\"DUPONT\",\"firstNames\":\"LUC\",\"birthDate\":\"2015-03-10\","
        + "\"sex\":\"M\",\"birthPlace\":\"75056\"}";
  }

  static String createBody(String nir, String traits, boolean open) {
    return "{\"ins\":" + ins(nir) + ",\"traits\":" + traits + ",\"open\":" + open + "}";
  }

  static String ins(String nir) {
    return "{\"number\":\"" + nir + "\",\"oid\":\"" + NIR_OID + "\"}";
  }

  static String traits(String birthName, String firstNames) {
    return "{\"birthName\":\""
        + birthName
        + "\",\"firstNames\":\""
        + firstNames
        + "\",\"birthDate\":\"1985-05-12\",\"sex\":\"F\",\"birthPlace\":\"75056\"}";
  }

  static String marie() {
    return traits("DUPONT", "MARIE CLAIRE");
  }

  static String createBody(String nir, boolean open) {
    return "{\"ins\":"
        + ins(nir)
        + ",\"traits\":"
        + marie()
        + ",\"contact\":{\"email\":\"marie@example.org\"},\"open\":"
        + open
        + "}";
  }

  /** Random capital letters, for names no other test uses. */
  static String letters(int count) {
    java.util.Random random = new java.util.Random();
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < count; i++) {
      letters.append((char) ('A' + random.nextInt(26)));
    }
    return letters.toString();
  }

  static String lookupBody(String nir, String traits) {
    return "{\"ins\":" + ins(nir) + ",\"traits\":" + traits + "}";
  }
}
