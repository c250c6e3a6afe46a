package labs.support.marbles;

/**
 * Binds the scenarios of one file in {@code marbles/} to the lab's code. Put the implementing
 * class with the lab's tests ({@code …/lab01_parallel_workers/ParallelWorkersMarbles}) and name its
 * file with {@link MarbleFile}; it is found by scanning the test classpath, so nothing else needs
 * registering.
 *
 * <p>{@code MarbleDiagramsTest} fails for a scenario with no binding, for a binding whose scenario
 * is not in the file, and for a binding whose file does not exist.
 */
public interface MarbleBinding {

    /**
     * The diagram file's name in {@code marbles/}, e.g. {@code lab01_parallel_workers.md}: by
     * default the class's {@link MarbleFile}.
     */
    default String file() {
        MarbleFile file = getClass().getAnnotation(MarbleFile.class);
        if (file == null) {
            throw new IllegalStateException(getClass().getName() + " names no diagram file: annotate it with @"
                    + MarbleFile.class.getSimpleName() + "(\"labNN_name.md\") or override file()");
        }
        return file.value();
    }

    /** Binds each scenario of {@link #file()}, by its exact name, with {@link Bindings#bind}. */
    void bind(Bindings bindings);
}
