package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent confirms a caller through the API, as the desk does: INS and traits, then the one-time
 * code the person received (read here from the tests' SMTP server). Before it, an agent changes
 * nothing of the person's controls.
 */
final class Callers {

  private static final Pattern CODE = Pattern.compile("code de vérification Carnet : (\\d{6})");

  private Callers() {}

  /**
   * Confirms the caller of {@code recordId} for this agent; {@code mail} receives the code when the
   * record has an email (null for a record without contact, confirmed on its traits alone).
   */
  static void confirm(Api api, String agent, String recordId, String lookupBody, GreenMail mail)
      throws Exception {
    int before = mail == null ? 0 : mail.getReceivedMessages().length;
    Api.Reply begun =
        api.post("/api/v1/records/" + recordId + "/caller-confirmation", agent, lookupBody);
    if (begun.status() == 200) {
      assertThat(begun.json().getBoolean("confirmed")).isTrue();
      return;
    }
    assertThat(begun.status()).as(begun.toString()).isEqualTo(202);
    assertThat(begun.json().getString("codeSentBy")).isEqualTo("EMAIL");
    // The code is sent before the answer: it is among the messages received since.
    MimeMessage[] received = mail.getReceivedMessages();
    String code = null;
    for (int i = received.length - 1; i >= before && code == null; i--) {
      Matcher found = CODE.matcher(String.valueOf(received[i].getContent()));
      code = found.find() ? found.group(1) : null;
    }
    assertThat(code).as("a verification code by email").isNotNull();
    Api.Reply confirmed =
        api.post(
            "/api/v1/records/" + recordId + "/caller-confirmation/code",
            agent,
            "{\"code\":\"" + code + "\"}");
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
  }
}
