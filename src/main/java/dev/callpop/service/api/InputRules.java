package dev.callpop.service.api;

import dev.callpop.service.crm.Hostnames;
import dev.callpop.service.crm.UrlTemplate;

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

    /** A pop preference's phase: the words of {@code CrmsConfig.PopOn}. */
    static final String POP_ON = "ringing|answered|never";
    static final String POP_ON_MESSAGE = "must be ringing, answered or never";

    /** A preference for several matches: the words of {@code MatchPolicy.OnMultipleMatches}. */
    static final String MULTIPLE_MATCHES = "open-all|first|search-page|prompt";
    static final String MULTIPLE_MATCHES_MESSAGE = "must be open-all, first, search-page or prompt";

    /** A hostname before {@link Hostnames#fault} checks it; the length limit keeps a huge value out of messages. */
    static final int HOSTNAME_MAX = Hostnames.MAX_LENGTH;
    static final String HOSTNAME_MESSAGE = "must be at most 253 characters";

    /** An OAuth token, in any of the forms CRMs issue. */
    public static final String TOKEN = "[\\x21-\\x7e]{1,4096}";
    public static final String TOKEN_MESSAGE = "must be 1 to 4096 printable ASCII characters";

    /** The name of a user's CRM setting, as a template placeholder names it. */
    static final String USER_SETTING = UrlTemplate.USER_SETTING_NAME;
    static final String USER_SETTING_MESSAGE = "names must be a letter, then up to 63 letters, digits or '_'";

    /** How many user settings an event may carry. */
    static final int USER_SETTINGS_MAX = 32;
    static final String USER_SETTINGS_MAX_MESSAGE = "must have at most 32 entries";

    /** A telephony session id: the platform's id of a call, 1 to 128 characters. */
    static final String SESSION_ID = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}";
    static final String SESSION_ID_MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':', '@' or '-', starting with a letter or digit";

    /** A call log's note: plain text, lines and tabs allowed, no other control character. */
    static final String NOTE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final int NOTE_MAX = 10_000;
    static final String NOTE_MESSAGE = "must be at most 10000 characters of plain text (lines and tabs, no other control characters)";

    /** A call log's subject: one line. */
    static final int SUBJECT_MAX = 255;
    static final String SUBJECT_MESSAGE = "must be at most 255 characters, without control characters";

    /** A recording's URL: https, at most 2048 characters (checked as a URL by the resource). */
    static final String RECORDING_URL = "https://[\\x21-\\x7e]{1,2040}";
    static final String RECORDING_URL_MESSAGE = "must be an https URL of at most 2048 characters";

    /** How a call ended: the words of {@code CallResult}. */
    static final String CALL_RESULT = "answered|missed|voicemail|busy|rejected|failed";
    static final String CALL_RESULT_MESSAGE = "must be answered, missed, voicemail, busy, rejected or failed";

    /** Which contact a log goes to among several: the words of {@code CrmsConfig.LogMatch}. */
    static final String LOG_MATCH = "ask|first|most-recently-updated|oldest";
    static final String LOG_MATCH_MESSAGE = "must be ask, first, most-recently-updated or oldest";

    /** A call's length in seconds: up to a day. */
    static final int DURATION_MAX = 86_400;
    static final String DURATION_MESSAGE = "must be 0 to 86400 seconds";

    private InputRules() {
    }
}
