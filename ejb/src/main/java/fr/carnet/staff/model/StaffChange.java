package fr.carnet.staff.model;

import java.time.Instant;

/** A change to a console account: created, enabled, disabled, roles, password reset. */
public record StaffChange(Instant at, String changedBy, String username, String change) {}
