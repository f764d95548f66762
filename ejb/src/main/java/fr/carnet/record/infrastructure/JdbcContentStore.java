package fr.carnet.record.infrastructure;

import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.record.model.ContentStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
  public void store(UUID documentId, byte[] content) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into document_content (document_id, seq, bytes) values (?, ?, ?)")) {
      for (int seq = 0, offset = 0; offset < content.length; seq++, offset += CHUNK) {
        int length = Math.min(CHUNK, content.length - offset);
        byte[] chunk = new byte[length];
        System.arraycopy(content, offset, chunk, 0, length);
        insert.setObject(1, documentId);
        insert.setInt(2, seq);
        insert.setBytes(3, chunk);
        insert.addBatch();
      }
      insert.executeBatch();
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
