/**
 * The call centre's desk, beyond the account (issue 19): confirming that a caller is the person
 * before an agent changes their controls or has their history or export sent. {@code model} holds
 * the challenge (a one-time code, hashed, short-lived, its attempts counted) and the confirmation
 * (who confirmed whom, how, until when) and where they are kept; {@code application} checks the INS
 * and traits, sends the code straight to the registered contact (never through the outbox, so that
 * no code waits in clear), checks it and records the confirmation, each step traced under the
 * agent's name; {@code infrastructure} keeps them in plain SQL (migration V29). The access facts
 * read the confirmation, and the policy asks for it ({@code AccessPolicy.mayChangeControl}).
 */
package fr.carnet.desk;
