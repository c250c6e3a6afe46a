package labs.level02_shared_state.lab04_bounded_buffer;

import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;

/**
 * Binds {@code marbles/lab04_bounded_buffer.md}, which has no executable scenario yet: its diagrams
 * are {@code text} blocks, already in the engine's notation (1 frame = 1 ms, time progressions) and
 * each naming the virtual-time test that checks the same behaviour. {@code MarbleDiagramsTest}
 * wants one binding per diagram file; this one binds nothing until a diagram is converted to a
 * {@code marble} block, and then it must bind that scenario by name.
 */
public final class BoundedBufferMarbles implements MarbleBinding {

    @Override
    public String file() {
        return "lab04_bounded_buffer.md";
    }

    @Override
    public void bind(Bindings bindings) {
        // No marble blocks in the file yet.
    }
}
