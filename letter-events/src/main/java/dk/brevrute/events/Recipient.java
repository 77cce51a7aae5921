package dk.brevrute.events;

/**
 * Who a letter is for. Exactly one of {@code cpr} (citizen), {@code cvr} (company) or an
 * {@code address} alone (address-only recipient) identifies the recipient; an address may
 * accompany a CPR number. The CPR number is personal data: it travels only in payloads, never in
 * keys, headers or logs.
 */
public record Recipient(
        RecipientType type,
        String cpr,
        String cvr,
        PostalAddress address) {

    public enum RecipientType {
        CPR,
        CVR,
        ADDRESS
    }
}
