package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces of the shared kit: what every lab relies on them to do. */
class KitTest {

    @Test
    void resultKeepsAnExceptionAsAFailureButLetsAnErrorThrough() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(Result.of(() -> 42)).isEqualTo(Result.success(42));
        assertThat(Result.of(() -> {
            throw boom;
        }).error()).isSameAs(boom);
        assertThat(Result.of(() -> null).error()).isInstanceOf(NullPointerException.class).hasMessage("the work returned null");
        AssertionError fatal = new AssertionError("not the work's failure");
        assertThatThrownBy(() -> Result.of(() -> {
            throw fatal;
        })).isSameAs(fatal);
        assertThatThrownBy(() -> Result.<Integer>failure(boom).value()).isInstanceOf(IllegalStateException.class).hasCause(boom);
        assertThat(Result.success(2).map(x -> x * 21).value()).isEqualTo(42);
    }

    @Test
    void aRegistryNamesItsImplementationsAndRefusesAnUnknownOneInOneLine() {
        Implementations<IntFunction<String>> registry = Implementations.of("lab99",
                new Implementation<>("first", "the first way", n -> "first " + n),
                new Implementation<>("second", "the second way", n -> "second " + n));

        assertThat(registry.names()).containsExactly("first", "second");
        assertThat(registry.create("second").apply(3)).isEqualTo("second 3");
        assertThat(registry.choices()).extracting(Choice::summary).containsExactly("the first way", "the second way");
        assertThat(registry.named("first")).hasToString("first");
        assertThatThrownBy(() -> registry.named("third")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown implementation 'third' for lab99 (--impl); allowed: first, second");
        IntFunction<String> any = n -> "";
        assertThatThrownBy(() -> Implementations.of("lab99", new Implementation<>("x", "", any), new Implementation<>("x", "", any)))
                .hasMessage("lab99 registers the implementation 'x' twice");
        assertThatThrownBy(() -> new Implementation<>("Has Space", "", any)).hasMessageContaining("what --impl takes");
    }

    @Test
    void aRequestChecksEachSettingWhenTheLabReadsIt(@TempDir Path dir) {
        Setting workers = Setting.wholeNumber("workers", "how many", 1, 8);
        Setting chart = Setting.file("chart", "where", ".svg");
        Request request = Request.defaults("lab99").with("workers", "3").with("chart", dir.resolve("c.svg"));

        assertThat(request.wholeNumber(workers, 1)).isEqualTo(3);
        assertThat(Request.defaults("lab99").wholeNumber(workers, 5)).as("the default when not given").isEqualTo(5);
        assertThat(request.file(chart)).contains(dir.resolve("c.svg"));
        assertThatThrownBy(() -> Request.defaults("lab99").with("workers", "9").wholeNumber(workers, 1))
                .hasMessage("--workers must be a whole number from 1 to 8 (got 9)");
        assertThatThrownBy(() -> Request.defaults("lab99").with("workers", "two").wholeNumber(workers, 1))
                .hasMessage("--workers must be a whole number from 1 to 8 (got 'two')");
        assertThatThrownBy(() -> Request.defaults("lab99").with("chart", dir.resolve("no/such/c.svg")).file(chart))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Request.defaults("lab99").with("inject", "x").scenario(List.of()))
                .hasMessage("lab99 has no scenario to choose: drop --inject");
        assertThatThrownBy(() -> Request.defaults("lab99").with("impl", "x").implementations(List.of(new Choice("a", ""))))
                .hasMessage("unknown implementation 'x' for lab99 (--impl); allowed: a");
    }
}
