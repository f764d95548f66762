package fr.carnet.notification.model;

/** What goes out on a channel; an SMS has no subject. */
public record Message(String subject, String body) {}
