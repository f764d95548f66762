package fr.carnet.web.rest;

import fr.carnet.shared.ErrorCode;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds every request body of {@code /api} and {@code /fhir} on the stream itself, so that no
 * request can make the server hold more than its limit: a declared {@code Content-Length} over the
 * limit is refused unread, and a body without one ({@code Transfer-Encoding: chunked}) is counted
 * as it is read and cut at the limit. Either way the answer is 413 with the stable code {@code
 * DOCUMENT_TOO_LARGE} (problem+json, or an OperationOutcome at {@code /fhir}) and the connection is
 * closed, so the rest of the body is never read.
 *
 * <p>The document limit is the largest acceptable content in base64 plus its metadata (a multipart
 * push: the content as it is plus its metadata); the bulk enrolment upload, which goes to disk as
 * it arrives, has its own larger limit.
 */
@WebFilter(
    urlPatterns = {"/api/*", "/fhir/*"},
    asyncSupported = true)
public class BodyLimitFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final long METADATA_ALLOWANCE = 1024 * 1024;
  private static final String ENROLMENTS = "/api/v1/enrolments";
  private static final String AGENDA = "/api/v1/agenda/";
  private static final String CALENDAR = "/api/v1/admin/prevention-calendar";

  /** The bound of the agenda's and the prevention calendar's bodies (issue 21). */
  public static final long AGENDA_BODY_LIMIT = 64 * 1024;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxDocumentBytes;

  @Inject
  @ConfigProperty(name = "carnet.enrolment.max-bytes", defaultValue = "17179869184")
  private long maxEnrolmentBytes;

  /** The largest request body that can carry an acceptable document, base64 and metadata. */
  public static long documentBodyLimit(long maxDocumentBytes) {
    return maxDocumentBytes / 3 * 4 + METADATA_ALLOWANCE;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // The path the container routes by (decoded, dot-segments resolved), never the raw URI: a
    // "/api/v1/enrolments/../records/lookup" must not borrow the enrolment upload's bound.
    String routed = routedPath(request);
    long limit =
        ENROLMENTS.equals(routed)
            ? maxEnrolmentBytes
            : routed != null && (routed.startsWith(AGENDA) || routed.startsWith(CALENDAR))
                // An appointment or a rule is a few hundred bytes: no reason to read a megabyte.
                ? AGENDA_BODY_LIMIT
                : isMultipart(request)
                    ? multipartBodyLimit(maxDocumentBytes)
                    : documentBodyLimit(maxDocumentBytes);
    if (request.getContentLengthLong() > limit) {
      refuse(request, response, limit);
      return;
    }
    BoundedRequest bounded = new BoundedRequest(request, limit);
    try {
      chain.doFilter(bounded, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!bounded.exceeded()) {
        throw e;
      }
    }
    // Whatever the reader of the body made of the cut (a parse error, a 400, a 500), the cause
    // was the size: the answer says so, unless a part of another answer already left.
    if (bounded.exceeded() && !response.isCommitted()) {
      response.reset();
      refuse(request, response, limit);
    }
  }

  /**
   * The largest multipart body that can carry an acceptable document: the bytes as they are, no
   * base64, and the metadata (parts' headers and boundaries included).
   */
  public static long multipartBodyLimit(long maxDocumentBytes) {
    return maxDocumentBytes + METADATA_ALLOWANCE;
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
  }

  /** The request's path as the container routed it: servlet path and path info. */
  static String routedPath(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
      throws IOException {
    // The rest of the body is not read: the connection cannot serve another request.
    response.setHeader("Connection", "close");
    ServletProblems.write(
        request,
        response,
        ErrorCode.DOCUMENT_TOO_LARGE,
        "The request body exceeds " + limit + " bytes");
    response.flushBuffer();
  }

  /** The request with its body counted as it is read; reading past the limit fails. */
  static final class BoundedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private BoundedStream stream;
    private BufferedReader reader;

    BoundedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    boolean exceeded() {
      return stream != null && stream.exceeded;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream =
            new BoundedStream(
                super.getInputStream(), limit, () -> setAttribute(CUT_SHORT, Boolean.TRUE));
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }
  }

  /**
   * Set on a request whose body was cut at its bound, for readers that keep no cause (HAPI turns
   * any read failure into its own exception).
   */
  public static final String CUT_SHORT = "fr.carnet.body-cut-short";

  /** Whether the failure comes from a body cut at its bound, somewhere in its causes. */
  public static boolean cutShort(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLarge) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Thrown by a read past the limit: what the reader made of the body is then discarded. */
  public static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long limit) {
      super("The request body exceeds " + limit + " bytes");
    }
  }

  private static final class BoundedStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final Runnable onExceeded;
    private long count;
    private boolean exceeded;

    BoundedStream(ServletInputStream in, long limit, Runnable onExceeded) {
      this.in = in;
      this.limit = limit;
      this.onExceeded = onExceeded;
    }

    @Override
    public int read() throws IOException {
      failIfExceeded();
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      failIfExceeded();
      // Never more than one byte past the limit: that byte, if it comes, is the proof.
      int n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) throws BodyTooLarge {
      count += n;
      if (count > limit) {
        exceeded = true;
        onExceeded.run();
        throw new BodyTooLarge(limit);
      }
    }

    private void failIfExceeded() throws BodyTooLarge {
      if (exceeded) {
        throw new BodyTooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
