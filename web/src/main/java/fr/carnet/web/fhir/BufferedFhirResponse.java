package fr.carnet.web.fhir;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A FHIR response written in large writes. HAPI's JSON output flushes its writer token by token:
 * unbuffered, an ITI-67 page of 21 KB went out as about 411 chunks of 53 bytes, each a write to the
 * socket, which cost the server more than the search itself. Here, up to {@link #LIMIT} bytes are
 * kept and sent in one write with their {@code Content-Length}; a larger response goes out in
 * writes of that size, chunked. Flushes from HAPI are ignored until the response is finished.
 */
final class BufferedFhirResponse extends HttpServletResponseWrapper {

  /** What one response may hold before it goes out; the largest page of a search fits. */
  static final int LIMIT = 64 * 1024;

  private final ByteArrayOutputStream held = new ByteArrayOutputStream(8 * 1024);
  private ServletOutputStream stream;
  private PrintWriter writer;
  private boolean spilled;

  BufferedFhirResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (writer != null) {
      throw new IllegalStateException("getWriter() was already called");
    }
    if (stream == null) {
      stream = new HeldStream();
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (stream != null && writer == null) {
      throw new IllegalStateException("getOutputStream() was already called");
    }
    if (writer == null) {
      stream = new HeldStream();
      writer = new PrintWriter(new OutputStreamWriter(stream, charset()));
    }
    return writer;
  }

  /** HAPI flushes as it writes; what is held goes out when the response is finished. */
  @Override
  public void flushBuffer() {}

  @Override
  public void resetBuffer() {
    if (!spilled) {
      held.reset();
    }
    super.resetBuffer();
  }

  @Override
  public void reset() {
    if (!spilled) {
      held.reset();
    }
    super.reset();
  }

  /** Sends what is held: in one write with its length when it all fits. */
  void finish() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    if (!spilled) {
      if (held.size() > 0 && !isCommitted()) {
        setContentLength(held.size());
      }
      if (held.size() > 0) {
        held.writeTo(super.getOutputStream());
      }
    }
    held.reset();
    super.flushBuffer();
  }

  private Charset charset() {
    String name = getCharacterEncoding();
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  private void spillIfFull(int coming) throws IOException {
    if (!spilled && held.size() + coming > LIMIT) {
      spilled = true;
      held.writeTo(super.getOutputStream());
      held.reset();
    }
  }

  private final class HeldStream extends ServletOutputStream {

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      spillIfFull(length);
      if (spilled) {
        // Past the limit, writes of HAPI's size go straight through (the servlet's own buffer
        // gathers them); only the first LIMIT bytes were held.
        BufferedFhirResponse.super.getOutputStream().write(bytes, offset, length);
      } else {
        held.write(bytes, offset, length);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {
      finish();
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException("FHIR responses are written blocking");
    }
  }
}
