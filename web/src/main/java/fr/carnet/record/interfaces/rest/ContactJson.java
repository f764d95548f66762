package fr.carnet.record.interfaces.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** How to reach the person; either may be absent. */
public record ContactJson(
    @Email @Size(max = 254) String email,
    @Pattern(regexp = "\\+?[0-9 .-]{6,20}", message = "must be a phone number") String phone) {}
