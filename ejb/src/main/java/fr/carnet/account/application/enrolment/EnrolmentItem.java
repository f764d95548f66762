package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import java.io.Serializable;

/** A line checked: a person to enrol, or a rejection with its reason. */
public record EnrolmentItem(Enrolments.Person person, Enrolments.Rejection rejection)
    implements Serializable {}
