package dk.brevrute.ledger.security;

/** Roles the ledger's API checks (the token's {@code groups} claim). */
public final class Roles {

    /** Finance reads the ledger, adds tariff versions, enters plan inputs and closes months. */
    public static final String FINANCE = "finance";

    private Roles() {
    }
}
