/**
 * Staff: the people who run the service (call-centre agents, auditors, administrators), their
 * accounts and their changes, passwords, and the console's login with its throttling. The four eyes
 * on staff actions that give rights or destroy data are kept where those actions are (a
 * representation in {@code consent}, a deletion in {@code account}).
 */
package fr.carnet.staff;
