package fr.carnet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The request threads' CPU samples of a JFR recording, each given to the framework of its innermost
 * frame outside the JDK (a {@code HashMap.get} called by Jersey is Jersey's cost), and the share of
 * samples under some marked methods (inclusive: the method or anything it calls).
 */
record StackProfile(
    long samples,
    long otherThreads,
    Map<String, Long> frameworks,
    Map<String, Long> innermost,
    Map<String, Long> marks) {

  /** Methods whose inclusive share is worth knowing: {@code label → class.method prefix}. */
  static final Map<String, String> MARKS = markedMethods();

  private static Map<String, String> markedMethods() {
    Map<String, String> marks = new LinkedHashMap<>();
    marks.put(
        "EJB container (BaseContainer pre/postInvoke)", "com.sun.ejb.containers.BaseContainer.");
    marks.put("EJB interceptors chain", "com.sun.ejb.containers.interceptors.");
    marks.put("EJB security (authorize)", "com.sun.ejb.EjbSecurityManager");
    marks.put(
        "JTA commit", "com.sun.enterprise.transaction.JavaEETransactionManagerSimplified.commit");
    marks.put(
        "Bean Validation (validate)",
        "org.hibernate.validator.internal.engine.ValidatorImpl.valid");
    marks.put("JSON-B read (fromJson)", "org.eclipse.yasson.internal.JsonBinding.fromJson");
    marks.put("JSON-B write (toJson)", "org.eclipse.yasson.internal.JsonBinding.toJson");
    marks.put(
        "Jersey response writing",
        "org.glassfish.jersey.message.internal.WriterInterceptorExecutor.proceed");
    marks.put(
        "Jersey request reading",
        "org.glassfish.jersey.message.internal.ReaderInterceptorExecutor.proceed");
    marks.put("Weld CDI.current()", "org.jboss.weld.environment.WeldCdi");
    marks.put("CDI.current()", "jakarta.enterprise.inject.spi.CDI.current");
    marks.put("JNDI lookups", "javax.naming.InitialContext.lookup");
    marks.put("Soteria (any)", "org.glassfish.soteria.");
    marks.put("JASPIC/Jakarta Authentication", "com.sun.web.security.RealmAdapter.validate");
    marks.put(
        "EclipseLink commit", "org.eclipse.persistence.internal.sessions.UnitOfWorkImpl.commit");
    marks.put("PostgreSQL driver", "org.postgresql.");
    marks.put("Servlet filters (Carnet)", "fr.carnet.web.rest.");
    marks.put("Payara request tracing", "fish.payara.nucleus.requesttracing.");
    marks.put("Payara monitoring/stats", "org.glassfish.admin.monitor.");
    marks.put("Logging", "java.util.logging.Logger.log");
    return marks;
  }

  static StackProfile read(Path recording) throws IOException {
    long samples = 0;
    long other = 0;
    Map<String, Long> frameworks = new HashMap<>();
    Map<String, Long> innermost = new HashMap<>();
    Map<String, Long> marks = new LinkedHashMap<>();
    MARKS.keySet().forEach(label -> marks.put(label, 0L));
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      RecordedThread thread = event.getThread("sampledThread");
      String threadName = thread == null ? "" : String.valueOf(thread.getJavaName());
      if (!threadName.startsWith("http-thread-pool")) {
        other++;
        continue;
      }
      samples++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      String owner = "JDK only";
      String method = frames.isEmpty() ? "?" : name(frames.get(0));
      for (RecordedFrame frame : frames) {
        String type = type(frame);
        if (!isJdk(type)) {
          owner = framework(type);
          method = name(frame);
          break;
        }
      }
      frameworks.merge(owner, 1L, Long::sum);
      innermost.merge(method, 1L, Long::sum);
      for (Map.Entry<String, String> mark : MARKS.entrySet()) {
        if (frames.stream().anyMatch(frame -> name(frame).startsWith(mark.getValue()))) {
          marks.merge(mark.getKey(), 1L, Long::sum);
        }
      }
    }
    return new StackProfile(samples, other, top(frameworks, 30), top(innermost, 25), marks);
  }

  double share(long count) {
    return samples == 0 ? 0 : 100.0 * count / samples;
  }

  String markdown(String title) {
    StringBuilder md = new StringBuilder();
    md.append("#### ")
        .append(title)
        .append(": ")
        .append(samples)
        .append(" request-thread samples (")
        .append(otherThreads)
        .append(" on other threads)\n\n");
    md.append("| framework (innermost non-JDK frame) | share |\n|---|---|\n");
    frameworks.forEach(
        (k, v) -> md.append("| ").append(k).append(" | ").append(pct(v)).append(" |\n"));
    md.append("\n| under (inclusive) | share |\n|---|---|\n");
    marks.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(pct(v)).append(" |\n"));
    md.append("\n| innermost non-JDK method | share |\n|---|---|\n");
    innermost.forEach(
        (k, v) -> md.append("| `").append(k).append("` | ").append(pct(v)).append(" |\n"));
    return md.append('\n').toString();
  }

  private String pct(long count) {
    return String.format(Locale.ROOT, "%.1f %%", share(count));
  }

  private static boolean isJdk(String type) {
    return type.startsWith("java.")
        || type.startsWith("javax.")
        || type.startsWith("jdk.")
        || type.startsWith("sun.")
        || type.startsWith("com.sun.proxy.")
        || type.startsWith("jakarta.")
        || type.equals("?");
  }

  /** The framework a class belongs to, by package. */
  static String framework(String type) {
    String[][] owners = {
      {"fr.carnet.", "Carnet"},
      {"org.glassfish.jersey.", "Jersey"},
      {"org.glassfish.hk2.", "HK2"},
      {"org.jvnet.hk2.", "HK2"},
      {"org.jboss.weld.", "Weld"},
      {"com.sun.ejb.", "EJB container"},
      {"org.glassfish.ejb.", "EJB container"},
      {"com.sun.enterprise.transaction.", "JTA"},
      {"com.sun.jts.", "JTA"},
      {"org.glassfish.transaction.", "JTA"},
      {"com.sun.enterprise.resource.", "JDBC pool (Payara)"},
      {"com.sun.gjc.", "JDBC pool (Payara)"},
      {"org.postgresql.", "PostgreSQL driver"},
      {"org.eclipse.persistence.", "EclipseLink"},
      {"org.eclipse.yasson.", "JSON-B (Yasson)"},
      {"org.eclipse.parsson.", "JSON-P (Parsson)"},
      {"org.glassfish.json.", "JSON-P (Parsson)"},
      {"org.hibernate.validator.", "Bean Validation"},
      {"org.glassfish.grizzly.", "Grizzly"},
      {"org.glassfish.soteria.", "Soteria"},
      {"com.sun.enterprise.security.", "Payara security"},
      {"com.sun.web.security.", "Payara security"},
      {"org.glassfish.security.", "Payara security"},
      {"org.apache.catalina.", "Servlet container"},
      {"org.glassfish.web.", "Servlet container"},
      {"com.sun.enterprise.web.", "Servlet container"},
      {"org.apache.coyote.", "Servlet container"},
      {"com.sun.enterprise.naming.", "Naming (JNDI)"},
      {"org.glassfish.resourcebase.", "Naming (JNDI)"},
      {"com.sun.enterprise.container.common.", "Payara container common"},
      {"fish.payara.microprofile.", "MicroProfile (Payara)"},
      {"io.smallrye.", "MicroProfile (SmallRye)"},
      {"fish.payara.", "Payara other"},
      {"com.sun.enterprise.", "Payara other"},
      {"org.glassfish.", "Payara other"},
      {"ca.uhn.", "HAPI FHIR"},
    };
    for (String[] owner : owners) {
      if (type.startsWith(owner[0])) {
        return owner[1];
      }
    }
    return "other (" + type.replaceAll("^((?:[^.]+\\.){2}).*", "$1") + ")";
  }

  private static String type(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method == null || method.getType() == null ? "?" : method.getType().getName();
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method == null ? "?" : type(frame) + "." + method.getName();
  }

  private static Map<String, Long> top(Map<String, Long> counts, int limit) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
    return top;
  }
}
