package labs.level04_coordination.lab08_barrier;

/** A party's work threw (or gave no value) in a phase: the phase broke there, the cause is the party's. */
public final class PartyFailedException extends BarrierBrokenException {

    private final int party;

    public PartyFailedException(int party, int phase, Throwable cause) {
        super(phase, "party " + party + " failed in phase " + phase + ": " + cause, cause);
        this.party = party;
    }

    public int party() {
        return party;
    }
}
