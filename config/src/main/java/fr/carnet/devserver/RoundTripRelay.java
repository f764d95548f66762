package fr.carnet.devserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A relay between Carnet and its database that counts what crosses the wire, for tests and
 * benchmarks (never in production): each round trip, that is each message after which the driver
 * waits for the database's answer (a Sync of the extended protocol, or a simple Query), and the
 * statements executed in it.
 *
 * <p>Round trips are grouped per connection into exchanges: everything since the connection's last
 * transaction ended, up to and with the end of the next (so the pool's validation query before a
 * transaction counts with it). An exchange is tagged by the first word starting with the relay's
 * marker that its parameters carry, such as a request id a client chose, which Carnet writes into
 * the trace: a test finds a request's exchange by its request id, whatever else runs beside it.
 * Only SQL texts and tags are kept, never a parameter.
 */
public final class RoundTripRelay implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RoundTripRelay.class.getName());
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int KEPT_EXCHANGES = 20_000;

  /**
   * What one connection sent from a transaction's end to the next one's, in round trips: the
   * statements of each, and the protocol's message types it was made of (P parse, B bind, D
   * describe, E execute, C close, S sync, Q simple query). Statements in full; BEGIN counts as a
   * statement of the round trip it was sent with.
   */
  public record Exchange(String tag, List<List<String>> roundTrips, List<String> messages) {

    public int statements() {
      return roundTrips.stream().mapToInt(List::size).sum();
    }

    /** One line per round trip, its statements separated by " ; ". */
    public String describe() {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < roundTrips.size(); i++) {
        text.append(i + 1)
            .append(". [")
            .append(messages.get(i))
            .append("] ")
            .append(
                String.join(
                    " ; ", roundTrips.get(i).stream().map(RoundTripRelay::shorten).toList()))
            .append('\n');
      }
      return text.toString();
    }
  }

  /**
   * Totals since the relay started: round trips, and how many times each statement ran (by its
   * {@link #shorten shortened} text).
   */
  public record Tally(long roundTrips, Map<String, Long> statements) {

    /** What happened between {@code earlier} and this tally. */
    public Tally since(Tally earlier) {
      Map<String, Long> delta = new LinkedHashMap<>();
      statements.forEach(
          (sql, count) -> {
            long more = count - earlier.statements.getOrDefault(sql, 0L);
            if (more > 0) {
              delta.put(sql, more);
            }
          });
      return new Tally(roundTrips - earlier.roundTrips, delta);
    }

    public long statementCount() {
      return statements.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final ServerSocket listener;
  private final int databasePort;
  private final byte[] marker;
  private final Map<String, Exchange> tagged = new ConcurrentHashMap<>();
  private final Map<String, Long> statementCounts = new ConcurrentHashMap<>();
  private long roundTrips;
  private volatile boolean closed;

  private RoundTripRelay(ServerSocket listener, int databasePort, String marker) {
    this.listener = listener;
    this.databasePort = databasePort;
    this.marker = marker.getBytes(StandardCharsets.US_ASCII);
  }

  /** A relay on a free local port to the database on {@code databasePort}. */
  public static RoundTripRelay start(int databasePort, String marker) throws IOException {
    ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    RoundTripRelay relay = new RoundTripRelay(listener, databasePort, marker);
    Thread accepting = new Thread(relay::accept, "round-trip-relay");
    accepting.setDaemon(true);
    accepting.start();
    return relay;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The exchange tagged {@code tag}, waiting a little for its transaction to end. */
  public Optional<Exchange> exchange(String tag) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      Exchange found = tagged.get(tag);
      if (found != null) {
        return Optional.of(found);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.ofNullable(tagged.get(tag));
  }

  public synchronized Tally tally() {
    return new Tally(roundTrips, new LinkedHashMap<>(statementCounts));
  }

  private synchronized void countRoundTrip() {
    roundTrips++;
  }

  private synchronized void countStatement(String sql) {
    statementCounts.merge(sql, 1L, Long::sum);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
        client.setTcpNoDelay(true);
        database.setTcpNoDelay(true);
        Connection connection = new Connection(client, database);
        start("relay-to-client", connection::answers);
        start("relay-to-database", connection::requests);
      } catch (IOException e) {
        if (!closed) {
          LOG.fine("Relay: " + e);
        }
      }
    }
  }

  private static void start(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }

  /**
   * One client connection: its messages read one by one, noted, and forwarded a burst at a time;
   * the database's answers go back untouched.
   *
   * <p>A round trip ends where the driver waits for the answer: at a Sync, or at a simple Query but
   * a transaction's BEGIN, which PgJDBC sends as a Query just before the first statement and does
   * not wait for (PgJDBC waits for nothing else before a Sync).
   */
  private final class Connection {
    private final Socket client;
    private final Socket database;
    private final Map<String, String> prepared = new HashMap<>();
    private final Map<String, String> portals = new HashMap<>();
    private List<List<String>> exchange = new ArrayList<>();
    private List<String> exchangeMessages = new ArrayList<>();
    private List<String> roundTrip = new ArrayList<>();
    private String unnamed = "";
    private String tag;
    private final StringBuilder types = new StringBuilder();

    Connection(Socket client, Socket database) {
      this.client = client;
      this.database = database;
    }

    void requests() {
      try (client;
          database) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
        OutputStream out = new BufferedOutputStream(database.getOutputStream());
        boolean started = false;
        while (!started) {
          // Untyped messages first: an SSL or GSS request (answered with one byte), then startup.
          int length = in.readInt();
          byte[] body = new byte[length - 4];
          in.readFully(body);
          int code = readInt(body, 0);
          started = code != SSL_REQUEST && code != GSS_REQUEST;
          writeInt(out, length);
          out.write(body);
          out.flush();
          if (code == CANCEL_REQUEST) {
            return;
          }
        }
        while (true) {
          int type = in.read();
          if (type < 0) {
            return;
          }
          int length = in.readInt();
          byte[] body = new byte[length - 4];
          in.readFully(body);
          // Noted before it is forwarded: a tally taken once the answer came back includes it.
          note((char) type, body);
          out.write(type);
          writeInt(out, length);
          out.write(body);
          if (in.available() == 0) {
            out.flush();
          }
        }
      } catch (EOFException | SocketException e) {
        // The connection ended.
      } catch (IOException e) {
        LOG.fine("Relay connection: " + e);
      }
    }

    void answers() {
      try (database;
          client) {
        database.getInputStream().transferTo(client.getOutputStream());
      } catch (IOException e) {
        // One side closed: the other goes too.
      }
    }

    private void note(char type, byte[] body) {
      types.append(type);
      switch (type) {
        case 'P' -> {
          int[] at = {0};
          String name = text(body, at);
          String sql = text(body, at);
          if (name.isEmpty()) {
            unnamed = sql;
          } else {
            prepared.put(name, sql);
          }
        }
        case 'B' -> {
          int[] at = {0};
          String portal = text(body, at);
          String statement = text(body, at);
          portals.put(portal, statement.isEmpty() ? unnamed : prepared.get(statement));
          findTag(body, at[0]);
        }
        case 'E' -> executed(portals.getOrDefault(text(body, new int[] {0}), "?"));
        case 'Q' -> {
          String sql = text(body, new int[] {0});
          executed(sql.isBlank() ? "(empty query)" : sql);
          findTag(body, 0);
          // PgJDBC sends a transaction's BEGIN as a simple query just before the first statement,
          // and does not wait for its answer: the same round trip goes on.
          if (!sql.strip().toUpperCase(Locale.ROOT).startsWith("BEGIN")) {
            waitPoint();
          }
        }
        case 'S' -> waitPoint();
        default -> {
          // Describe, Close, Flush, password: nothing to count.
        }
      }
    }

    private void executed(String sql) {
      roundTrip.add(sql);
      countStatement(shorten(sql));
    }

    private void waitPoint() {
      if (roundTrip.isEmpty()) {
        // A Sync with nothing executed before it: an empty statement, or only descriptions.
        roundTrip.add("(no statement)");
      }
      exchangeMessages.add(types.toString());
      types.setLength(0);
      List<String> done = roundTrip;
      roundTrip = new ArrayList<>();
      exchange.add(done);
      countRoundTrip();
      boolean ended =
          done.stream()
              .map(sql -> sql.toUpperCase(Locale.ROOT))
              .anyMatch(sql -> sql.startsWith("COMMIT") || sql.startsWith("ROLLBACK"));
      if (ended) {
        if (tag != null) {
          if (tagged.size() >= KEPT_EXCHANGES) {
            tagged.clear();
          }
          tagged.put(tag, new Exchange(tag, List.copyOf(exchange), List.copyOf(exchangeMessages)));
        }
        exchange = new ArrayList<>();
        exchangeMessages = new ArrayList<>();
        tag = null;
      }
    }

    private void findTag(byte[] body, int from) {
      if (tag != null) {
        return;
      }
      outer:
      for (int i = from; i <= body.length - marker.length; i++) {
        for (int j = 0; j < marker.length; j++) {
          if (body[i + j] != marker[j]) {
            continue outer;
          }
        }
        int end = i + marker.length;
        while (end < body.length && isTagCharacter(body[end])) {
          end++;
        }
        tag = new String(body, i, end - i, StandardCharsets.US_ASCII);
        return;
      }
    }
  }

  private static boolean isTagCharacter(byte b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '_'
        || b == '.';
  }

  /** A statement as reports and tallies show it: whitespace folded, long ones cut. */
  public static String shorten(String sql) {
    String folded = sql.replaceAll("\\s+", " ").trim();
    return folded.length() > 160 ? folded.substring(0, 157) + "..." : folded;
  }

  private static String text(byte[] body, int[] at) {
    int start = at[0];
    int end = start;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    at[0] = end + 1;
    return new String(body, start, end - start, StandardCharsets.UTF_8);
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24)
        | ((bytes[at + 1] & 0xff) << 16)
        | ((bytes[at + 2] & 0xff) << 8)
        | (bytes[at + 3] & 0xff);
  }

  private static void writeInt(OutputStream out, int value) throws IOException {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
