package labs.support.marbles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one marble line with RxJS's frame arithmetic ({@code TestScheduler.parseMarbles} in
 * run mode, where 1 frame = 1 ms). The rules, each with the RxJS example it reproduces (see
 * {@code MarbleParserTest}):
 *
 * <ul>
 *   <li>{@code -}, a value, {@code |}, {@code #}, {@code (} and {@code )} each advance time by one
 *       frame; a space advances nothing. So {@code --(abc)-|} emits a, b, c at frame 2 and completes
 *       at 8: a group occupies as many frames as it has characters, parentheses included.</li>
 *   <li>Every event inside a group happens at the frame of its {@code (}.</li>
 *   <li>A time progression {@code 10ms}, {@code 1.5s}, {@code 2m} starts a token (first character
 *       or after a space) and advances time by that many ms: {@code a 9ms b 9s c|} emits a at 0,
 *       b at 10, c at 9,011 and completes at 9,012. A digit elsewhere is a value.</li>
 *   <li>In a hot line {@code ^} marks frame 0, the moment the test subscribes; earlier events get
 *       negative frames. {@code -a-^-b-|}: a at -2, b at 2, complete at 4.</li>
 * </ul>
 *
 * <p>Stricter than RxJS, because a diagram that parses to something its author did not mean is a
 * diagram that lies: nested or unclosed groups, events after a terminal, {@code ^} in a cold line,
 * a fraction of a frame, and any character outside the legend are errors, reported with the file,
 * line and column of the offending character.
 */
public final class MarbleParser {

    private static final Pattern TIME_PROGRESSION = Pattern.compile("^(\\d+(?:\\.\\d+)?)(ms|s|m)(?= |$)");

    private MarbleParser() {
    }

    /** Parses an event line (an input, a probe or an expected output). */
    public static Timeline events(String text, Position where, boolean hot) {
        List<Event> events = new ArrayList<>();
        long frame = 0;
        long groupStart = -1;
        int groupColumn = -1;
        int groupSize = 0;
        long caretFrame = -1;
        int terminalColumn = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Position at = where.plus(i);
            if (c == ' ') {
                continue;
            }
            if (Character.isDigit(c) && (i == 0 || text.charAt(i - 1) == ' ')) {
                Matcher m = TIME_PROGRESSION.matcher(text.substring(i));
                if (m.find()) {
                    if (groupStart >= 0) {
                        throw new MarbleSyntaxException(at, "a time progression ('" + m.group() + "') cannot stand inside a group");
                    }
                    frame += frames(m, at);
                    i += m.group().length() - 1;
                    continue;
                }
            }
            if (terminalColumn >= 0 && c != '-' && c != ')') {
                throw new MarbleSyntaxException(at, "'" + c + "' after the terminal signal at column "
                        + where.plus(terminalColumn).column() + ": nothing can happen after '|' or '#'");
            }
            long eventFrame = groupStart >= 0 ? groupStart : frame;
            switch (c) {
                case '-' -> frame++;
                case '(' -> {
                    if (groupStart >= 0) {
                        throw new MarbleSyntaxException(at, "groups cannot nest: the group opened at column "
                                + where.plus(groupColumn).column() + " is still open");
                    }
                    groupStart = frame;
                    groupColumn = i;
                    groupSize = 0;
                    frame++;
                }
                case ')' -> {
                    if (groupStart < 0) {
                        throw new MarbleSyntaxException(at, "')' closes no group");
                    }
                    if (groupSize == 0) {
                        throw new MarbleSyntaxException(where.plus(groupColumn), "empty group '()': a group holds the events of one frame");
                    }
                    groupStart = -1;
                    frame++;
                }
                case '|' -> {
                    events.add(Event.complete(eventFrame));
                    terminalColumn = i;
                    groupSize++;
                    frame++;
                }
                case '#' -> {
                    events.add(Event.error(eventFrame));
                    terminalColumn = i;
                    groupSize++;
                    frame++;
                }
                case '^' -> {
                    if (!hot) {
                        throw new MarbleSyntaxException(at, "'^' (the subscription point) belongs in a hot line: write 'hot NAME:'"
                                + " or drop it (a cold line starts when it is subscribed)");
                    }
                    if (caretFrame >= 0) {
                        throw new MarbleSyntaxException(at, "a second '^': a hot line has one subscription point");
                    }
                    if (groupStart >= 0) {
                        throw new MarbleSyntaxException(at, "'^' cannot stand inside a group");
                    }
                    caretFrame = frame;
                    frame++;
                }
                case '!' -> throw new MarbleSyntaxException(at,
                        "'!' (unsubscription) belongs in a subscription line ('NAME subs:'), not in an event line");
                default -> {
                    if (!isValue(c)) {
                        throw new MarbleSyntaxException(at, "unexpected '" + c + "': an event line holds '-', ' ', values a-z A-Z 0-9, '|', '#', '(', ')', '^'"
                                + " and time progressions like '10ms'");
                    }
                    events.add(Event.next(eventFrame, c));
                    groupSize++;
                    frame++;
                }
            }
        }
        if (groupStart >= 0) {
            throw new MarbleSyntaxException(where.plus(groupColumn), "group '(' is never closed");
        }
        if (hot && caretFrame < 0 && !events.isEmpty()) {
            // Without '^' a hot line starts with the test, like RxJS: frame 0 is the first character.
            caretFrame = 0;
        }
        long shift = Math.max(caretFrame, 0);
        List<Event> shifted = events.stream().map(e -> new Event(e.frame() - shift, e.kind(), e.symbol())).toList();
        return new Timeline(text, where, shifted, frame - shift, caretFrame >= 0 && text.indexOf('^') >= 0);
    }

    /** Parses a subscription line: one {@code ^} (subscribed) and at most one {@code !} (unsubscribed). */
    public static SubscriptionSpan subscription(String text, Position where) {
        long frame = 0;
        long groupStart = -1;
        long subscribed = -1;
        long ended = SubscriptionSpan.OPEN;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Position at = where.plus(i);
            if (c == ' ') {
                continue;
            }
            if (Character.isDigit(c) && (i == 0 || text.charAt(i - 1) == ' ')) {
                Matcher m = TIME_PROGRESSION.matcher(text.substring(i));
                if (m.find()) {
                    frame += frames(m, at);
                    i += m.group().length() - 1;
                    continue;
                }
            }
            long eventFrame = groupStart >= 0 ? groupStart : frame;
            switch (c) {
                case '-' -> frame++;
                case '(' -> {
                    groupStart = frame;
                    frame++;
                }
                case ')' -> {
                    if (groupStart < 0) {
                        throw new MarbleSyntaxException(at, "')' closes no group");
                    }
                    groupStart = -1;
                    frame++;
                }
                case '^' -> {
                    if (subscribed >= 0) {
                        throw new MarbleSyntaxException(at, "a second '^': one subscription per line (repeat the line for another)");
                    }
                    subscribed = eventFrame;
                    frame++;
                }
                // Like RxJS, '!' takes no frame of its own: '^--!' is subscribed at 0, unsubscribed at 3.
                case '!' -> {
                    if (subscribed < 0) {
                        throw new MarbleSyntaxException(at, "'!' before '^': a subscription ends after it starts");
                    }
                    if (ended != SubscriptionSpan.OPEN) {
                        throw new MarbleSyntaxException(at, "a second '!': one unsubscription per line");
                    }
                    ended = eventFrame;
                }
                default -> throw new MarbleSyntaxException(at, "unexpected '" + c
                        + "': a subscription line holds only '^', '!', '-', ' ', '(', ')' and time progressions");
            }
        }
        if (subscribed < 0) {
            throw new MarbleSyntaxException(where, "a subscription line needs a '^' (where the subscription starts)");
        }
        return new SubscriptionSpan(subscribed, ended);
    }

    /** Parses {@code 10ms}, {@code 1.5s}, {@code 2m} into frames (ms), refusing fractions of a frame. */
    public static long frames(String text, Position where) {
        Matcher m = TIME_PROGRESSION.matcher(text.trim());
        if (!m.find() || m.group().length() != text.trim().length()) {
            throw new MarbleSyntaxException(where, "'" + text.trim() + "' is not a duration like 10ms, 1.5s or 2m");
        }
        return frames(m, where);
    }

    private static long frames(Matcher m, Position at) {
        double amount = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            default -> amount * 60_000;
        };
        if (ms != Math.rint(ms)) {
            throw new MarbleSyntaxException(at, "'" + m.group() + "' is not a whole number of frames (1 frame = 1 ms)");
        }
        return (long) ms;
    }

    static boolean isValue(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
