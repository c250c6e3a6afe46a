package labs.level06_performance.lab15_bounded_pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import labs.support.SvgChart;

/**
 * A count that steps up and down at recorded moments — jobs waiting inside a pool, clients waiting
 * for a connection, connections in use — rebuilt after a run from per-item timestamps, so that
 * measuring it never touched the run itself. (For the live experiment only.)
 */
final class StepCount {

    private record Step(long atNanos, int delta) {
    }

    private final List<Step> steps = new ArrayList<>();

    /** The count goes up by one at {@code fromNanos} and down by one at {@code untilNanos} (never, if negative). */
    void span(long fromNanos, long untilNanos) {
        steps.add(new Step(fromNanos, +1));
        if (untilNanos >= 0) {
            steps.add(new Step(Math.max(fromNanos, untilNanos), -1));
        }
    }

    private List<Step> sorted() {
        // Downs before ups at the same moment: an item leaving as another arrives is not two at once.
        return steps.stream().sorted(Comparator.comparingLong(Step::atNanos).thenComparingInt(Step::delta)).toList();
    }

    int max() {
        int count = 0;
        int max = 0;
        for (Step step : sorted()) {
            count += step.delta();
            max = Math.max(max, count);
        }
        return max;
    }

    /** The count at {@code points} evenly spaced moments from 0 to {@code untilNanos}, as (ms, count). */
    List<SvgChart.Point> samples(long untilNanos, int points) {
        List<Step> sorted = sorted();
        List<SvgChart.Point> samples = new ArrayList<>();
        int count = 0;
        int next = 0;
        for (int i = 0; i <= points; i++) {
            long at = untilNanos * i / points;
            while (next < sorted.size() && sorted.get(next).atNanos() <= at) {
                count += sorted.get(next++).delta();
            }
            samples.add(new SvgChart.Point(at / 1e6, count));
        }
        return samples;
    }

    /** The count's average over [0, {@code untilNanos}]: the time-weighted mean (Little's L). */
    double meanUntil(long untilNanos) {
        if (untilNanos <= 0) {
            return 0;
        }
        double area = 0;
        int count = 0;
        long last = 0;
        for (Step step : sorted()) {
            long at = Math.min(Math.max(step.atNanos(), 0), untilNanos);
            area += (double) count * (at - last);
            last = at;
            count += step.delta();
        }
        area += (double) count * (untilNanos - last);
        return area / untilNanos;
    }
}
