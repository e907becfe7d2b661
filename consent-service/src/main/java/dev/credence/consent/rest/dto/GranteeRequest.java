package dev.credence.consent.rest.dto;

import dev.credence.consent.model.Grantee;
import dev.credence.consent.rest.validation.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An operator registers (or updates) who stands behind a client id: what a person is told about a
 * lender or furnisher (FCRA §609(a)(3)(B): name, trade name, address and telephone number).
 */
@PlainText
public record GranteeRequest(
    @NotNull Grantee.Kind kind,
    @NotBlank @Size(max = 200) String legalName,
    @Size(max = 200) String tradeName,
    @NotBlank @Size(max = 500) String address,
    @NotBlank
        @Pattern(
            regexp = "\\+?[0-9][0-9 ()./-]{4,29}",
            message = "must be a telephone number: digits, spaces, ( ) . / - and a leading +")
        String phone,
    @Email @Size(max = 254) String email,
    @Pattern(regexp = "https://[^\\s]{3,290}", message = "must be an https:// address")
        String website) {}
