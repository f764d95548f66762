package fr.carnet.web.console;

import fr.carnet.reference.application.MatrixService;
import fr.carnet.reference.model.MatrixCell;
import fr.carnet.reference.model.MatrixChange;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The administrators' grid of the authorisation matrix: one row per profession and specialty, one
 * column per document class, each cell R, W, RW or -; saving applies the changed cells, each one
 * traced and kept in the matrix's history, and in force at the very next access.
 */
@Named("matrixDesk")
@ViewScoped
public class MatrixDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE);

  @EJB private MatrixService matrix;
  @Inject private ConsoleUser user;

  private final List<String> rows = new ArrayList<>();
  private final List<String> classes = new ArrayList<>();
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> saved = new HashMap<>();
  private List<MatrixChange> changes = List.of();

  private Actor actor() {
    return user.actor(Role.ADMIN);
  }

  @PostConstruct
  void load() {
    rows.clear();
    classes.clear();
    values.clear();
    saved.clear();
    try {
      TreeSet<String> rowKeys = new TreeSet<>();
      TreeSet<String> classCodes = new TreeSet<>();
      for (MatrixCell cell : matrix.cells(actor())) {
        String row = cell.profession() + "/" + cell.specialty();
        rowKeys.add(row);
        classCodes.add(cell.classCode());
        values.put(row + "/" + cell.classCode(), cell.rights().cell());
      }
      rows.addAll(rowKeys);
      classes.addAll(classCodes);
      saved.putAll(values);
      changes = matrix.changes(actor());
    } catch (CarnetException e) {
      message(FacesMessage.SEVERITY_ERROR, "La matrice est réservée aux administrateurs.");
    }
  }

  /**
   * Nothing more than naming the desk: its view action makes the grid load (and a refusal be said)
   * before the messages are drawn, not when the grid is first drawn below them.
   */
  public void open() {
    // the load is the bean's @PostConstruct
  }

  public void save() {
    int changed = 0;
    try {
      for (Map.Entry<String, String> entry : values.entrySet()) {
        if (!entry.getValue().equals(saved.get(entry.getKey()))) {
          String[] key = entry.getKey().split("/", 3);
          matrix.change(actor(), key[0], key[1], key[2], entry.getValue());
          changed++;
        }
      }
    } catch (CarnetException e) {
      message(FacesMessage.SEVERITY_ERROR, "Modification refusée (" + e.code().name() + ").");
    }
    load();
    message(FacesMessage.SEVERITY_INFO, changed + " cellule(s) modifiée(s).");
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(ZoneId.of("Europe/Paris")));
  }

  public List<String> getRows() {
    return rows;
  }

  public List<String> getClasses() {
    return classes;
  }

  public Map<String, String> getValues() {
    return values;
  }

  public List<MatrixChange> getChanges() {
    return changes;
  }
}
