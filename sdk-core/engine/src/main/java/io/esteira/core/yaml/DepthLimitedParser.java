package io.esteira.core.yaml;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The parser's events with nesting counted: past the limit it stops with the position of the
 * mapping or list that goes too deep. The composer recurses once per level, so without this an
 * absurdly nested document would end in a StackOverflowError with no position at all.
 */
final class DepthLimitedParser implements Parser {

  /** Thrown to stop composing; carries where the nesting went too deep. */
  static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Mark mark;

    TooDeep(Mark mark) {
      super(null, null, false, false);
      this.mark = mark;
    }

    Mark mark() {
      return mark;
    }
  }

  private final Parser parser;
  private final int maxOpen;
  private int open;

  /** Counts the root collection too, so {@code maxDepth} means what the converter means by it. */
  DepthLimitedParser(Parser parser, int maxDepth) {
    this.parser = parser;
    this.maxOpen = maxDepth + 1;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return parser.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }

  @Override
  public Event next() {
    Event event = parser.next();
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        if (++open > maxOpen) {
          throw new TooDeep(event.getStartMark().orElse(null));
        }
      }
      case MappingEnd, SequenceEnd -> open--;
      default -> {
        // scalars, aliases, documents and comments do not nest
      }
    }
    return event;
  }
}
