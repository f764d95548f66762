package fr.carnet.account.application;

import java.time.Instant;

/** A provisional code just issued: shown or sent once, then only its hash remains. */
public record IssuedCode(String code, Instant expiresAt) {}
