package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** A branch and its index: the reactive versions need the index to name a failure. */
record Indexed<R>(int index, Callable<R> body) {

    static <R> List<Indexed<R>> of(List<Callable<R>> branches) {
        return IntStream.range(0, branches.size()).mapToObj(i -> new Indexed<>(i, branches.get(i))).toList();
    }

    R call() throws Exception {
        return body.call();
    }
}
