package labs.level04_coordination.lab09_run_once;

/**
 * The value the jcstress tests initialize: four plain fields, each set to 1 by the constructor, so a
 * caller that reads {@link #built()} == 4 saw the object whole, and anything less saw it half-built
 * (its reference published before some of its fields). Plain, non-final fields on purpose: a final
 * field would be safely published by the JMM's final-field rule whatever the lazy init does.
 */
final class FourFields {

    private int a;
    private int b;
    private int c;
    private int d;

    FourFields() {
        a = 1;
        b = 1;
        c = 1;
        d = 1;
    }

    int built() {
        return a + b + c + d;
    }
}
