package dev.callpop.spi;

/**
 * Event: a call reached the agent.
 *
 * @param contact what the client knows of the caller; never {@code null}, though its fields may be
 * @param call    the call; never {@code null}, though its fields may be
 * @param phone   the caller's number, normalised by callpop: the contact's phone, else the call's other
 *                party ({@code from} inbound, {@code to} outbound); {@code null} when there is none, or it
 *                is not a phone number (an internal extension, say)
 */
public record CallReceived(Contact contact, Call call, PhoneNumber phone) {

    /**
     * The one rule for when a call-received needs the CRM: the client sent a phone number but no
     * contact id, and the CRM looks callers up by phone. Everything else is answered from what the
     * client sent, without calling the CRM.
     *
     * @param crm what the CRM can do
     * @return whether the caller must be looked up in the CRM
     */
    public boolean needsLookUp(CrmDescription crm) {
        return phone != null && (contact == null || contact.id() == null) && crm.findsContactsByPhone();
    }
}
