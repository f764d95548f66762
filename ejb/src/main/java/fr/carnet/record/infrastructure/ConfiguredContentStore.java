package fr.carnet.record.infrastructure;

import fr.carnet.record.model.ContentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The content store the configuration chose: {@code carnet.content.store=database} (the default,
 * contents in PostgreSQL with their document) or {@code s3} (an S3-compatible object store). With
 * {@code s3}, documents filed before the switch are still read from the database.
 */
@ApplicationScoped
public class ConfiguredContentStore implements ContentStore {

  @Inject
  @ConfigProperty(name = "carnet.content.store", defaultValue = "database")
  String kind;

  @Inject private JdbcContentStore database;
  @Inject private Instance<ObjectContentStore> objects;

  /** The object store, or null when contents go to the database. */
  ObjectContentStore objects() {
    return switch (kind) {
      case "database" -> null;
      case "s3" -> objects.get();
      default -> throw new IllegalStateException("carnet.content.store is database or s3: " + kind);
    };
  }

  @Override
  public void copyTo(UUID documentId, long size, OutputStream out) throws IOException {
    ObjectContentStore store = objects();
    if (store == null) {
      database.copyTo(documentId, size, out);
    } else {
      store.copyTo(documentId, size, out);
    }
  }
}
