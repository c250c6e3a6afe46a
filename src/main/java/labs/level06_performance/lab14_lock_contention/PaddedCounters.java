package labs.level06_performance.lab14_lock_contention;

/**
 * The same two {@code volatile long}s with 128 bytes of padding between them, so each lives in a
 * cache line (a pair of lines, for CPUs that fetch two at once) of its own and the two writers
 * never contend. The padding is a class hierarchy — {@code first} in a superclass, the padding in
 * the next, {@code second} in this one — because HotSpot lays out a superclass's fields before a
 * subclass's and may reorder the fields of one class: padding declared beside the counts could be
 * moved. The JDK's {@code @Contended} does the same with one annotation, but is reserved to the
 * JDK unless the JVM runs with {@code -XX:-RestrictContended} and javac is given
 * {@code --add-exports java.base/jdk.internal.vm.annotation=ALL-UNNAMED} (DESIGN.md).
 */
public final class PaddedCounters extends PaddingAfterFirst implements TwoCounters {

    private volatile long second;

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // one writer per field: no update can be lost
    public void incrementFirst() {
        first++;
    }

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    public void incrementSecond() {
        second++;
    }

    @Override
    public long first() {
        return first;
    }

    @Override
    public long second() {
        return second;
    }
}

/** The first count, laid out first (package-private, top level: a class cannot extend its own nested class). */
class FirstCount {
    volatile long first;
}

/** 128 bytes laid out after {@code first} and before {@code second}. */
@SuppressWarnings("unused")
class PaddingAfterFirst extends FirstCount {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}
