package fr.carnet.record.application;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Traits;
import java.util.UUID;

/**
 * A person's identity as the policy lets the caller see it.
 *
 * @param ins the INS, or null when the caller may see the traits only
 */
public record IdentityView(UUID recordId, Ins ins, Traits traits) {}
