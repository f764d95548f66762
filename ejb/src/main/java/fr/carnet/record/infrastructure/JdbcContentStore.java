package fr.carnet.record.infrastructure;

import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.record.model.ContentStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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
 * a crash never leaves one without the other; read one chunk at a time.
 */
@ApplicationScoped
public class JdbcContentStore implements ContentStore {

  static final int CHUNK = 256 * 1024;

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public void store(UUID documentId, InputStream content) throws IOException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into document_content (document_id, seq, bytes) values (?, ?, ?)")) {
      // Each chunk sent as it is read: a large content is never whole in memory.
      byte[] chunk = content.readNBytes(CHUNK);
      for (int seq = 0; chunk.length > 0; seq++) {
        insert.setObject(1, documentId);
        insert.setInt(2, seq);
        insert.setBytes(3, chunk);
        insert.executeUpdate();
        chunk = chunk.length < CHUNK ? new byte[0] : content.readNBytes(CHUNK);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store document content", e);
    }
  }

  @Override
  public void copyTo(UUID documentId, OutputStream out) throws IOException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select bytes from document_content where document_id = ? and seq = ?")) {
      for (int seq = 0; ; seq++) {
        select.setObject(1, documentId);
        select.setInt(2, seq);
        try (ResultSet chunk = select.executeQuery()) {
          if (!chunk.next()) {
            return;
          }
          out.write(chunk.getBytes(1));
        }
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("Cannot read document content", e));
    }
  }
}
