package fr.carnet.messaging.infrastructure;

import fr.carnet.access.PharmacyFacts;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.messaging.model.Conversation;
import fr.carnet.messaging.model.Conversations;
import fr.carnet.messaging.model.Message;
import fr.carnet.record.model.DocumentStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Conversations in plain SQL (migrations V33, V38), on the caller's transaction. */
@ApplicationScoped
public class JdbcConversations implements Conversations {

  private static final String CONVERSATION_COLUMNS =
      "id, record_id, professional_rpps, professional_finess, organisation_finess, subject,"
          + " hidden_from_representatives, started_by, started_at, last_message_at";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public void start(Conversation c) {
    update(
        "insert into conversation ("
            + CONVERSATION_COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.id(),
        c.recordId(),
        c.professionalRpps(),
        c.professionalFiness(),
        c.organisationFiness(),
        c.subject(),
        c.hiddenFromRepresentatives(),
        c.startedBy().name(),
        Timestamp.from(c.startedAt()),
        Timestamp.from(c.lastMessageAt()));
  }

  @Override
  public Optional<Conversation> find(UUID conversationId) {
    List<Conversation> found =
        conversations(
            "select " + CONVERSATION_COLUMNS + " from conversation where id = ?", conversationId);
    return found.stream().findFirst();
  }

  @Override
  public List<Conversation> ofRecord(UUID recordId, String rpps, int limit) {
    return rpps == null
        ? conversations(
            "select "
                + CONVERSATION_COLUMNS
                + " from conversation where record_id = ? order by last_message_at desc limit ?",
            recordId,
            limit)
        : conversations(
            "select "
                + CONVERSATION_COLUMNS
                + " from conversation where record_id = ? and professional_rpps = ?"
                + " order by last_message_at desc limit ?",
            recordId,
            rpps,
            limit);
  }

  @Override
  public List<Conversation> ofOrganisation(String finess, int limit) {
    return conversations(
        "select "
            + CONVERSATION_COLUMNS
            + " from conversation where organisation_finess = ?"
            + " order by last_message_at desc limit ?",
        finess,
        limit);
  }

  @Override
  public List<PharmacyFacts.Contact> contactsWith(UUID recordId, String finess, int limit) {
    // Distinct facts, not rows: a record's hundred prescriptions from one pharmacy are one fact.
    String sql =
        "(select distinct 'DOCUMENT' as source, author_profession, status, withheld_from_patient,"
            + " hidden_from_representatives from document where record_id = ?"
            + " and author_role = 'PROFESSIONAL' and author_finess = ? limit ?)"
            + " union all (select distinct 'MESSAGE', m.sender_profession, 'CURRENT', false,"
            + " c.hidden_from_representatives from conversation c join conversation_message m"
            + " on m.conversation_id = c.id where c.record_id = ? and m.sender_side = 'PROFESSIONAL'"
            + " and m.sender_finess = ? limit ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, recordId, finess, limit, recordId, finess, limit);
      List<PharmacyFacts.Contact> contacts = new ArrayList<>();
      try (ResultSet r = statement.executeQuery()) {
        while (r.next()) {
          contacts.add(
              new PharmacyFacts.Contact(
                  PharmacyFacts.Source.valueOf(r.getString(1)),
                  r.getString(2),
                  DocumentStatus.valueOf(r.getString(3)),
                  r.getBoolean(4),
                  r.getBoolean(5)));
        }
      }
      return contacts;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean organisationBlocked(UUID recordId, String finess) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select exists (select 1 from organisation_block where record_id = ?"
                    + " and finess = ?)")) {
      bind(statement, recordId, finess);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean professionalWrote(UUID recordId, String rpps) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select exists (select 1 from conversation c join conversation_message m"
                    + " on m.conversation_id = c.id where c.record_id = ?"
                    + " and c.professional_rpps = ? and m.sender_side = 'PROFESSIONAL')")) {
      statement.setObject(1, recordId);
      statement.setString(2, rpps);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void add(Message m, Sender sender, List<NewAttachment> attachments) {
    update(
        "insert into conversation_message (id, conversation_id, sent_at, sender_side,"
            + " sender_subject, body, sender_rpps, sender_profession, sender_finess,"
            + " sender_relationship) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        m.id(),
        m.conversationId(),
        Timestamp.from(m.sentAt()),
        m.senderSide().name(),
        m.senderSubject(),
        m.body(),
        sender == null ? null : sender.rpps(),
        sender == null ? null : sender.profession(),
        sender == null ? null : sender.finess(),
        m.senderRelationship() == null ? null : m.senderRelationship().name());
    for (NewAttachment a : attachments) {
      update(
          "insert into message_attachment (id, message_id, file_name, content_type, size_bytes,"
              + " hash, content) values (?, ?, ?, ?, ?, ?, ?)",
          a.id(),
          m.id(),
          a.fileName(),
          a.contentType(),
          a.size(),
          a.hash(),
          a.bytes());
    }
    // last_message_at follows by V41's trigger: the application's user may no longer set it.
  }

  @Override
  public List<Message> messages(UUID conversationId) {
    return messages(conversationId, null, Integer.MAX_VALUE);
  }

  @Override
  public List<Message> messages(UUID conversationId, Instant before, int limit) {
    Map<UUID, List<Message.Attachment>> attachments = new LinkedHashMap<>();
    // The page: the newest messages before the cursor, put back in their order below.
    String page =
        "select id from conversation_message where conversation_id = ?"
            + " and sent_at < coalesce(?::timestamptz, 'infinity') order by sent_at desc, id desc"
            + " limit ?";
    Timestamp cursor = before == null ? null : Timestamp.from(before);
    List<Object[]> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "select a.message_id, a.id, a.file_name, a.content_type, a.size_bytes, a.hash,"
                  + " a.filed_document_id from message_attachment a join conversation_message m"
                  + " on m.id = a.message_id where m.conversation_id = ? and m.id in ("
                  + page
                  + ") order by a.file_name")) {
        bind(statement, conversationId, conversationId, cursor, limit);
        try (ResultSet r = statement.executeQuery()) {
          while (r.next()) {
            attachments
                .computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(
                    new Message.Attachment(
                        r.getObject(2, UUID.class),
                        r.getString(3),
                        r.getString(4),
                        r.getLong(5),
                        r.getString(6),
                        r.getObject(7, UUID.class)));
          }
        }
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "select id, sent_at, sender_side, sender_subject, body, read_at,"
                  + " sender_relationship from conversation_message where id in ("
                  + page
                  + ") order by sent_at, id")) {
        bind(statement, conversationId, cursor, limit);
        try (ResultSet r = statement.executeQuery()) {
          while (r.next()) {
            rows.add(
                new Object[] {
                  r.getObject(1, UUID.class),
                  r.getTimestamp(2).toInstant(),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getTimestamp(6),
                  r.getString(7)
                });
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    List<Message> messages = new ArrayList<>();
    for (Object[] row : rows) {
      UUID id = (UUID) row[0];
      Timestamp readAt = (Timestamp) row[5];
      messages.add(
          new Message(
              id,
              conversationId,
              (Instant) row[1],
              Conversation.Side.valueOf((String) row[2]),
              (String) row[3],
              (String) row[4],
              readAt == null ? null : readAt.toInstant(),
              attachments.getOrDefault(id, List.of()),
              row[6] == null ? null : Message.SenderRelationship.valueOf((String) row[6])));
    }
    return messages;
  }

  @Override
  public int sentSince(UUID conversationId, String senderSubject, Instant since) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select count(*) from conversation_message where conversation_id = ?"
                    + " and sender_subject = ? and sent_at >= ?")) {
      bind(statement, conversationId, senderSubject, Timestamp.from(since));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int startedWithOrganisationSince(UUID recordId, String finess, Instant since) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select count(*) from conversation where record_id = ?"
                    + " and organisation_finess = ? and started_at >= ?")) {
      bind(statement, recordId, finess, Timestamp.from(since));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int markRead(UUID conversationId, Instant at) {
    return update(
        "update conversation_message set read_at = ? where conversation_id = ?"
            + " and sender_side = 'PROFESSIONAL' and read_at is null",
        Timestamp.from(at),
        conversationId);
  }

  @Override
  public Optional<StoredAttachment> attachment(UUID attachmentId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select a.id, a.message_id, m.conversation_id, a.file_name, a.content_type,"
                    + " c.professional_rpps, c.organisation_finess, a.content,"
                    + " a.filed_document_id"
                    + " from message_attachment a join conversation_message m on m.id ="
                    + " a.message_id join conversation c on c.id = m.conversation_id"
                    + " where a.id = ?")) {
      statement.setObject(1, attachmentId);
      try (ResultSet r = statement.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredAttachment(
                r.getObject(1, UUID.class),
                r.getObject(2, UUID.class),
                r.getObject(3, UUID.class),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getBytes(8),
                r.getObject(9, UUID.class)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void filed(UUID attachmentId, UUID documentId, Instant at) {
    update(
        "update message_attachment set filed_document_id = ?, filed_at = ? where id = ?",
        documentId,
        Timestamp.from(at),
        attachmentId);
  }

  @Override
  public int purgeExpired(int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select purge_expired_conversations(?)")) {
      bind(statement, limit);
      try (ResultSet purged = statement.executeQuery()) {
        purged.next();
        return purged.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Conversation> conversations(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      List<Conversation> found = new ArrayList<>();
      try (ResultSet r = statement.executeQuery()) {
        while (r.next()) {
          found.add(
              new Conversation(
                  r.getObject(1, UUID.class),
                  r.getObject(2, UUID.class),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6),
                  r.getBoolean(7),
                  Conversation.Side.valueOf(r.getString(8)),
                  r.getTimestamp(9).toInstant(),
                  r.getTimestamp(10).toInstant()));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }
}
