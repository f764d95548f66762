package fr.carnet.desk.infrastructure;

import fr.carnet.desk.model.CallerConfirmations;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.notification.model.Channel;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The desk's challenges and confirmations in plain SQL (migration V29). */
@ApplicationScoped
public class JdbcCallerConfirmations implements CallerConfirmations {

  private static final String CHALLENGE =
      "insert into caller_challenge (record_id, agent_id, code_hash, channel, created_at,"
          + " expires_at, attempts) values (?, ?, ?, ?, ?, ?, 0)"
          + " on conflict (record_id, agent_id) do update set code_hash = excluded.code_hash,"
          + " channel = excluded.channel, created_at = excluded.created_at,"
          + " expires_at = excluded.expires_at, attempts = 0";
  private static final String FIND =
      "select code_hash, channel, expires_at, attempts from caller_challenge"
          + " where record_id = ? and agent_id = ? for update";
  private static final String FAILED =
      "update caller_challenge set attempts = attempts + 1 where record_id = ? and agent_id = ?";
  private static final String FORGET =
      "delete from caller_challenge where record_id = ? and agent_id = ?";
  private static final String CONFIRM =
      "insert into caller_confirmation (id, record_id, agent_id, method, confirmed_at, expires_at)"
          + " values (?, ?, ?, ?, ?, ?)";
  private static final String CONFIRMED_UNTIL =
      "select max(expires_at) from caller_confirmation"
          + " where record_id = ? and agent_id = ? and expires_at > ? and ended_at is null";
  private static final String END =
      "update caller_confirmation set ended_at = ?"
          + " where record_id = ? and agent_id = ? and ended_at is null and expires_at > ?";
  private static final String CODE_SENT =
      "insert into caller_code_sent (record_id, sent_at) values (?, ?)";
  private static final String CODES_SINCE =
      "select count(*) from caller_code_sent where record_id = ? and sent_at > ?";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public void challenge(
      UUID recordId,
      String agentId,
      String codeHash,
      Channel channel,
      Instant now,
      Instant expiresAt) {
    update(CHALLENGE, recordId, agentId, codeHash, channel.name(), at(now), at(expiresAt));
  }

  @Override
  public Optional<Challenge> challengeForUpdate(UUID recordId, String agentId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(FIND)) {
      query.setObject(1, recordId);
      query.setString(2, agentId);
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? Optional.of(
                new Challenge(
                    row.getString(1),
                    Channel.valueOf(row.getString(2)),
                    row.getObject(3, OffsetDateTime.class).toInstant(),
                    row.getInt(4)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the caller's challenge", e);
    }
  }

  @Override
  public void failedAttempt(UUID recordId, String agentId) {
    update(FAILED, recordId, agentId);
  }

  @Override
  public void forgetChallenge(UUID recordId, String agentId) {
    update(FORGET, recordId, agentId);
  }

  @Override
  public void confirm(
      UUID recordId, String agentId, Method method, Instant now, Instant expiresAt) {
    update(CONFIRM, UUID.randomUUID(), recordId, agentId, method.name(), at(now), at(expiresAt));
  }

  @Override
  public void end(UUID recordId, String agentId, Instant now) {
    update(END, at(now), recordId, agentId, at(now));
  }

  @Override
  public void codeSent(UUID recordId, Instant now) {
    update(CODE_SENT, recordId, at(now));
  }

  @Override
  public int codesSentSince(UUID recordId, Instant since) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(CODES_SINCE)) {
      query.setObject(1, recordId);
      query.setObject(2, at(since));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the codes sent", e);
    }
  }

  @Override
  public Optional<Instant> confirmedUntil(UUID recordId, String agentId, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(CONFIRMED_UNTIL)) {
      query.setObject(1, recordId);
      query.setString(2, agentId);
      query.setObject(3, at(now));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        OffsetDateTime until = row.getObject(1, OffsetDateTime.class);
        return Optional.ofNullable(until).map(OffsetDateTime::toInstant);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the caller's confirmation", e);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private void update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot keep the caller's confirmation", e);
    }
  }
}
