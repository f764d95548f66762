package fr.carnet.account.application.enrolment;

import java.io.Serializable;

/** One line of the file, numbered from 1 as an editor shows it. */
public record EnrolmentLine(long number, String text) implements Serializable {}
