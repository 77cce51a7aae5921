package dk.brevrute.ledger.ledger;

/** Why a ledger entry exists. */
public enum EntryKind {
    /** A digital delivery: its paper cost under the tariff in force that day minus the Digital Post fee. */
    DIGITAL_SAVING,
    /** A paper delivery: what the print centre reported (postage and material); saves nothing. */
    PRINT_COST,
    /** The letter went on paper after its digital copy too: the paper cost cancels the digital saving. */
    PAPER_AFTER_DIGITAL,
    /** A tariff version changed what a booked digital letter saved: the difference. */
    TARIFF_CORRECTION,
    /** A paper letter came back (counted, no amount). */
    RETURNED
}
