package labs.level02_shared_state.lab03_shared_counter;

import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;

/**
 * Binds {@code marbles/lab03_shared_counter.md}, which has no executable scenario yet: its diagrams
 * are {@code text} blocks (staged thread interleavings, drawn with symbols outside the engine's
 * table). {@code MarbleDiagramsTest} wants one binding per diagram file; this one binds nothing until
 * a diagram is converted to a {@code marble} block, and then it must bind that scenario by name.
 */
public final class SharedCounterMarbles implements MarbleBinding {

    @Override
    public String file() {
        return "lab03_shared_counter.md";
    }

    @Override
    public void bind(Bindings bindings) {
        // No marble blocks in the file yet.
    }
}
