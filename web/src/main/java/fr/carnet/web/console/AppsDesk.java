package fr.carnet.web.console;

import fr.carnet.catalogue.application.ConnectionService;
import fr.carnet.catalogue.model.Connection;
import fr.carnet.security.Role;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The apps a confirmed caller has connected to their record (issue 21, item 4), on the agent's
 * desk: each app's name, the scopes granted and until when, and a revocation at the caller's
 * request. Translates only: {@link ConnectionService} asks the policy (which wants the caller
 * confirmed), traces under the agent's name and tells the person; the desk shows no list before.
 */
@Named("appsDesk")
@ViewScoped
public class AppsDesk implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private ConnectionService connections;
  @Inject private ConsoleUser user;
  @Inject private AgentDesk desk;

  private List<Connection> apps = List.of();

  /** The caller's connected apps, once confirmed (the policy refuses them before). */
  void load() {
    apps = connections.list(user.actor(Role.AGENT), desk.getRecordId());
  }

  /** Another person on the desk, or none: nothing of the previous one stays shown. */
  void clear() {
    apps = List.of();
  }

  /** One of the apps this view listed, revoked as the caller asks: it gets nothing from now. */
  public void revoke(UUID connectionId) {
    if (apps.stream().noneMatch(app -> app.id().equals(connectionId))) {
      return; // only what this view showed for this person may be revoked
    }
    desk.act(
        () -> {
          try {
            connections.revoke(user.actor(Role.AGENT), desk.getRecordId(), connectionId);
          } finally {
            load();
          }
        },
        "Application déconnectée : elle n'a plus accès au dossier ; la personne en est prévenue.");
  }

  public List<Connection> getApps() {
    return apps;
  }

  /** The scopes granted, sorted, one string: as the grant reads, never interpreted here. */
  public String scopes(Connection connection) {
    return String.join(", ", connection.scopes().stream().sorted().toList());
  }
}
