package fr.carnet.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method that hands out clinical data (documents' metadata, contents, profile
 * entries). A service method that calls one must ask the access policy through the gate: the
 * architecture test finds every caller by this mark, so a new read cannot escape it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ClinicalRead {}
