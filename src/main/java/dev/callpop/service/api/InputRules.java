package dev.callpop.service.api;

import dev.callpop.service.crm.Hostnames;

/**
 * The shapes callpop accepts for the fields of an event, as Bean Validation patterns. Ids are kept to
 * characters that can neither leave a URL path segment nor start a query or fragment.
 */
public final class InputRules {

    /** A CRM record id (contact, log): 1 to 128 of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
    static final String ID = dev.callpop.spi.CrmRecordId.PATTERN;
    static final String ID_MESSAGE = "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";

    /** A phone number or extension as telephony systems print it. */
    static final String PHONE = "[A-Za-z0-9+*#(). /-]{1,64}";
    static final String PHONE_MESSAGE = "must be a phone number of at most 64 digits, letters, spaces and + * # ( ) . / -";

    /** A contact type name such as {@code Candidate}. */
    static final String TYPE = "[A-Za-z][A-Za-z0-9 _-]{0,63}";
    static final String TYPE_MESSAGE = "must be a contact type name such as Candidate (letters, digits, ' ', '_', '-')";

    /** Display text: no control characters. */
    public static final String TEXT = "[^\\p{Cntrl}]{0,256}";
    public static final String TEXT_MESSAGE = "must be at most 256 characters, without control characters";

    /** A hostname before {@link Hostnames#parse}; the length limit keeps a huge value out of messages. */
    static final int HOSTNAME_MAX = Hostnames.MAX_LENGTH;
    static final String HOSTNAME_MESSAGE = "must be at most 253 characters";

    /** An OAuth token, in any of the forms CRMs issue. */
    public static final String TOKEN = "[\\x21-\\x7e]{1,4096}";
    public static final String TOKEN_MESSAGE = "must be 1 to 4096 printable ASCII characters";

    private InputRules() {
    }
}
