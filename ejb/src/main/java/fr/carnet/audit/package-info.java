/**
 * Audit: the trail. Every read of clinical or identity data, every change and every refusal is a
 * trace written in the same transaction as the work, through the database's {@code append_trace}
 * (hash chains, a Merkle tree whose signed heads a witness keeps), never updated nor deleted by the
 * application. {@code application} serves the patient's access history (what they may see of it),
 * the auditors' searches, integrity checks, anomaly reports and exports, and the retention of old
 * partitions.
 */
package fr.carnet.audit;
