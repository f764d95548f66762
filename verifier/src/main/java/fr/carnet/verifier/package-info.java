/**
 * An offline verifier of Carnet's audit trail that trusts nothing of Carnet's: given the witness
 * file of signed tree heads ({@code tree-heads.jsonl}), the public key that signs them, and
 * optionally a patient's history export or an auditor's trail export, it checks that the heads are
 * genuine and only ever grew, and that the export is what those heads committed to.
 *
 * <p><b>Why this duplicates Carnet's code on purpose.</b> Carnet has its own Merkle tree ({@code
 * fr.carnet.audit.model.MerkleTree}), canonical form of a trace ({@code TraceCanonicalForm}) and
 * tree-head signature ({@code TreeHeadSignature}). This module re-implements each of them from
 * their specifications (RFC 9162 §2.1 for the tree and its proofs, the encodings written down in
 * {@link fr.carnet.verifier.TraceEncoding} and {@link fr.carnet.verifier.HeadStatement}) rather
 * than calling them, and depends on no module of Carnet's, in no scope:
 *
 * <ul>
 *   <li>an auditor, a patient's association or a court expert must be able to read <em>this</em>
 *       module alone (a few hundred lines, the JDK and a JSON parser) and convince themselves of
 *       what it checks, without reading or trusting the service they audit;
 *   <li>a bug in Carnet's encoding or proofs would otherwise be "verified" by the same bug: two
 *       implementations that agree on the known-answer vectors of the tests (RFC 9162's, and
 *       vectors computed once with Carnet's code) are evidence that both follow the specification;
 *   <li>the verifier must keep verifying old heads and exports even if Carnet's code changes: a
 *       change to the service's encoding that this module does not also receive shows up as a
 *       failure, which is the point.
 * </ul>
 *
 * <p>Entry points: {@link fr.carnet.verifier.Verifier#verify} (in-process, for tests and tools) and
 * {@link fr.carnet.verifier.Main} (the command line). Every problem found is a {@link
 * fr.carnet.verifier.Finding} named by a {@link fr.carnet.verifier.Problem}, with the position and
 * the witnessed head size it concerns.
 */
package fr.carnet.verifier;
