package io.github.dane4j.smtp.internal;

import io.github.dane4j.smtp.SmtpReply;
import io.github.dane4j.smtp.TranscriptEntry;
import io.github.dane4j.smtp.TranscriptEntry.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the commands and replies of one connection, up to {@value #MAX_ENTRIES} lines of at most
 * {@value #MAX_LINE_LENGTH} characters each. Not thread-safe: one connection uses it from one
 * thread.
 */
public final class Transcript {
  /** The maximum number of lines kept; later lines are dropped and {@link #truncated()} is set. */
  public static final int MAX_ENTRIES = 256;

  /** The maximum length of one kept line; longer lines are shortened. */
  public static final int MAX_LINE_LENGTH = 512;

  private final List<TranscriptEntry> entries = new ArrayList<>();
  private boolean truncated;

  /** Adds a command line without CRLF. */
  void addCommand(String line, boolean tls) {
    add(Direction.CLIENT, line, tls);
  }

  /** Adds every line of a reply. */
  void addReply(SmtpReply reply, boolean tls) {
    for (String line : reply.toString().split("\n", -1)) {
      add(Direction.SERVER, line, tls);
    }
  }

  /** Returns a copy of the lines kept so far. */
  public List<TranscriptEntry> entries() {
    return List.copyOf(entries);
  }

  /** Returns whether lines were dropped or shortened. */
  public boolean truncated() {
    return truncated;
  }

  private void add(Direction direction, String line, boolean tls) {
    if (entries.size() >= MAX_ENTRIES) {
      truncated = true;
      return;
    }
    if (line.length() > MAX_LINE_LENGTH) {
      truncated = true;
    }
    entries.add(new TranscriptEntry(direction, Text.shorten(line, MAX_LINE_LENGTH), tls));
  }
}
