package fr.carnet.record.infrastructure;

import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.record.model.ContentStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Contents in PostgreSQL, in chunks of 256 KiB: written in the same transaction as the metadata, so
 * a crash never leaves one without the other; read one chunk at a time. The application's store is
 * the one the configuration chose ({@link ConfiguredContentStore}).
 */
@ApplicationScoped
@Typed(JdbcContentStore.class)
public class JdbcContentStore implements ContentStore {

  static final int CHUNK = 256 * 1024;

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  /**
   * Inserts the chunks read from {@code content} to its end, numbered from {@code seq}, each sent
   * as it is read: a large content is never whole in memory.
   */
  static void insertChunks(Connection connection, UUID documentId, int seq, InputStream content)
      throws SQLException, IOException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into document_content (document_id, seq, bytes) values (?, ?, ?)")) {
      byte[] chunk = content.readNBytes(CHUNK);
      for (int next = seq; chunk.length > 0; next++) {
        insert.setObject(1, documentId);
        insert.setInt(2, next);
        insert.setBytes(3, chunk);
        insert.executeUpdate();
        chunk = chunk.length < CHUNK ? new byte[0] : content.readNBytes(CHUNK);
      }
    }
  }

  @Override
  public void copyTo(UUID documentId, long size, OutputStream out) throws IOException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select bytes from document_content where document_id = ? and seq = ?")) {
      long written = 0;
      for (int seq = 0; written < size; seq++) {
        select.setObject(1, documentId);
        select.setInt(2, seq);
        try (ResultSet chunk = select.executeQuery()) {
          if (!chunk.next()) {
            return;
          }
          byte[] bytes = chunk.getBytes(1);
          out.write(bytes);
          written += bytes.length;
        }
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("Cannot read document content", e));
    }
  }
}
