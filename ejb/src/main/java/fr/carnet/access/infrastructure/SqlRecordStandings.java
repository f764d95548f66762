package fr.carnet.access.infrastructure;

import fr.carnet.access.AccessMode;
import fr.carnet.access.CallerConfirmation;
import fr.carnet.access.ProxyScope;
import fr.carnet.access.ProxyStanding;
import fr.carnet.access.Relationship;
import fr.carnet.access.Representation;
import fr.carnet.access.model.RecordStanding;
import fr.carnet.access.model.RecordStandings;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Every access asks this first, so it is one statement, one round trip, on the transaction's
 * connection: record state, ownership, representation, settings, grants (a standing agreement
 * without expiry included), blocks (the professional's RPPS and their organisation's FINESS), the
 * masked classes and the policy's version, each from an index. A representation counts only once a
 * second staff member approved it and until it ends: a pending, rejected or expired one is no
 * representation at all.
 *
 * <p>A proxy's designation (issue 18) is read for a patient-side caller only: the current one, else
 * the latest, so that the policy can say "ended" or "revoked" rather than "not your record"; it
 * counts when the caller is neither the person nor their representative.
 */
@ApplicationScoped
public class SqlRecordStandings implements RecordStandings {

  private static final String STANDING =
      "select r.state, i.birth_date, coalesce(s.emergency_access, true),"
          + " s.designated_gp_rpps = ?,"
          + " (select version from reference_version where id = 1),"
          + " i.ins_number = ?,"
          + " (select p.kind from representative p join identity pi"
          + "   on pi.record_id = p.representative_record_id"
          + "   where p.record_id = r.id and p.ended_at is null and p.status = 'APPROVED'"
          + "   and pi.ins_number = ? limit 1),"
          + " (select string_agg(g.mode, ',') from access_grant g where g.record_id = r.id"
          + "   and g.rpps = ? and g.revoked_at is null"
          + "   and (g.expires_at is null or g.expires_at > ?)),"
          + " exists (select 1 from professional_block b where b.record_id = r.id and b.rpps = ?),"
          + " (select string_agg(m.class_code, ',') from class_mask m where m.record_id = r.id),"
          + " exists (select 1 from organisation_block o where o.record_id = r.id"
          + "   and o.finess = ?),"
          + " px.id, px.scope, px.ends_on, px.revoked_at is not null,"
          // The strongest current one: 'TRAITS_AND_CODE' sorts after 'TRAITS'.
          + " (select max(c.method) from caller_confirmation c where c.record_id = r.id"
          + "   and c.agent_id = ? and c.expires_at > ? and c.ended_at is null)"
          + " from record r join identity i on i.record_id = r.id"
          + " left join record_settings s on s.record_id = r.id"
          + " left join lateral (select x.id, x.scope, x.ends_on, x.revoked_at from record_proxy x"
          + "   where ?::varchar is not null and x.record_id = r.id and x.proxy_record_id ="
          + "   (select xi.record_id from identity xi where xi.ins_number = ?)"
          + "   order by x.revoked_at is null desc, x.ends_on desc limit 1) px on true"
          + " where r.id = ?";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public Optional<RecordStanding> of(Actor actor, UUID recordId, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(STANDING)) {
      query.setString(1, actor.rpps());
      query.setString(2, actor.ins());
      query.setString(3, actor.ins());
      query.setString(4, actor.rpps());
      query.setObject(5, now.atOffset(ZoneOffset.UTC));
      query.setString(6, actor.rpps());
      query.setString(7, actor.finess());
      // An agent's confirmation of the caller (issue 19): asked for agents only.
      query.setString(8, actor.is(Role.AGENT) ? actor.subject() : null);
      query.setObject(9, now.atOffset(ZoneOffset.UTC));
      query.setString(10, actor.ins());
      query.setString(11, actor.ins());
      query.setObject(12, recordId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String representationKind = row.getString(7);
        UUID proxyId = row.getObject(12, UUID.class);
        Relationship relationship =
            row.getBoolean(6)
                ? Relationship.OWNER
                : representationKind != null
                    ? Relationship.REPRESENTATIVE
                    : proxyId != null ? Relationship.PROXY : Relationship.NONE;
        ProxyStanding proxy =
            relationship == Relationship.PROXY
                ? new ProxyStanding(
                    proxyId,
                    ProxyScope.valueOf(row.getString(13)),
                    row.getObject(14, java.time.LocalDate.class),
                    row.getBoolean(15))
                : null;
        Representation representation =
            relationship == Relationship.REPRESENTATIVE
                ? new Representation(
                    Representation.Kind.valueOf(representationKind),
                    row.getObject(2, java.time.LocalDate.class))
                : null;
        return Optional.of(
            new RecordStanding(
                RecordState.valueOf(row.getString(1)),
                relationship,
                representation,
                row.getBoolean(3),
                strongest(row.getString(8)),
                row.getBoolean(9),
                row.getBoolean(4),
                row.getLong(5),
                classes(row.getString(10)),
                row.getBoolean(11),
                proxy,
                row.getObject(2, java.time.LocalDate.class),
                CallerConfirmation.of(row.getString(16))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the record's standing", e);
    }
  }

  private static Set<String> classes(String codes) {
    return codes == null ? Set.of() : Set.of(codes.split(","));
  }

  /** A normal agreement wins over emergency modes: it is the mode its accesses are traced in. */
  private static AccessMode strongest(String modes) {
    if (modes == null) {
      return null;
    }
    for (AccessMode mode : AccessMode.values()) {
      if (modes.contains(mode.name())) {
        return mode;
      }
    }
    return null;
  }
}
