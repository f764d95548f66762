package fr.carnet.identity.model;

/** The sex trait of the INS, as the national identity service gives it. */
public enum Sex {
  M,
  F
}
