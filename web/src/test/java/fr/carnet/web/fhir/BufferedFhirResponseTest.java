package fr.carnet.web.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What reaches the container: one write with its length when it fits, every byte in order. */
class BufferedFhirResponseTest {

  /** The container's side: each write, the declared length, and the flushes. */
  private static final class Container {
    final List<Integer> writes = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Integer contentLength;
    int flushes;

    HttpServletResponse response() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              writes.add(len);
              bytes.write(b, off, len);
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
          };
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getOutputStream" -> out;
                    case "getCharacterEncoding" -> "UTF-8";
                    case "isCommitted" -> false;
                    case "setContentLength" -> {
                      contentLength = (Integer) args[0];
                      yield null;
                    }
                    case "flushBuffer" -> {
                      flushes++;
                      yield null;
                    }
                    default -> null;
                  });
    }
  }

  @Test
  void aPageWrittenTokenByTokenLeavesInOneWriteWithItsLength() throws Exception {
    Container container = new Container();
    BufferedFhirResponse response = new BufferedFhirResponse(container.response());
    PrintWriter writer = response.getWriter();
    StringBuilder expected = new StringBuilder();
    for (int token = 0; token < 400; token++) {
      String piece = "{\"résumé\":" + token + "},";
      writer.write(piece);
      writer.flush();
      expected.append(piece);
    }

    assertThat(container.writes).as("nothing leaves before the end").isEmpty();
    response.finish();

    byte[] sent = expected.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(container.writes).containsExactly(sent.length);
    assertThat(container.contentLength).isEqualTo(sent.length);
    assertThat(container.bytes.toByteArray()).isEqualTo(sent);
  }

  @Test
  void aResponseLargerThanTheLimitGoesOutWholeInOrderWithoutALength() throws Exception {
    Container container = new Container();
    BufferedFhirResponse response = new BufferedFhirResponse(container.response());
    ServletOutputStream stream = response.getOutputStream();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    byte[] block = new byte[1000];
    for (int i = 0; i < 200; i++) {
      java.util.Arrays.fill(block, (byte) i);
      stream.write(block);
      stream.flush();
      expected.write(block);
    }
    response.finish();

    assertThat(container.bytes.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(container.contentLength).isNull();
    assertThat(container.writes.get(0))
        .as("what was held goes out as one write")
        .isGreaterThan(BufferedFhirResponse.LIMIT - block.length);
  }

  @Test
  void anEmptyResponseWritesNothingAndDeclaresNoLength() throws Exception {
    Container container = new Container();
    BufferedFhirResponse response = new BufferedFhirResponse(container.response());
    response.finish();

    assertThat(container.writes).isEmpty();
    assertThat(container.contentLength).isNull();
  }
}
