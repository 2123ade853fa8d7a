package io.github.dane4j.testkit.dns;

import java.util.ArrayDeque;
import java.util.List;

/** Bounded, thread-safe log of received queries; the oldest entries are dropped when full. */
final class QueryLog {

  private final int capacity;
  private final ArrayDeque<ObservedQuery> entries = new ArrayDeque<>();

  QueryLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(ObservedQuery query) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(query);
  }

  synchronized List<ObservedQuery> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
