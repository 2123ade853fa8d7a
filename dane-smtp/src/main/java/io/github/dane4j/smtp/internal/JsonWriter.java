package io.github.dane4j.smtp.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes one JSON text (RFC 8259) into a string, value by value, and checks that the calls form a
 * well-formed document.
 *
 * <pre>{@code
 * JsonWriter json = JsonWriter.pretty();
 * json.beginObject().name("verdict").value("authenticated").endObject();
 * String text = json.toJson();
 * }</pre>
 *
 * <p>Strings are escaped so that the output is valid JSON for any Java string: quotation mark,
 * reverse solidus and every control character (U+0000 to U+001F and U+007F) are escaped, and so are
 * U+2028 and U+2029, which JavaScript source does not accept unescaped. A surrogate code unit
 * without its partner is not a character, so it is written as U+FFFD (RFC 8259 section 8.2). Other
 * characters are written as they are; encode the result as UTF-8 (RFC 8259 section 8.1).
 *
 * <p>Not thread-safe.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String INDENT = "  ";

  /** What the writer expects next inside the innermost open container. */
  private enum Scope {
    EMPTY_ARRAY,
    ARRAY,
    EMPTY_OBJECT,
    OBJECT,
    /** A name was written and its value is due. */
    OBJECT_VALUE
  }

  private final StringBuilder out = new StringBuilder();
  private final Deque<Scope> scopes = new ArrayDeque<>();

  /** The member names of each open object, innermost first, to reject duplicates. */
  private final Deque<Set<String>> memberNames = new ArrayDeque<>();

  private final boolean pretty;
  private boolean topLevelWritten;

  private JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  /** Returns a writer that puts each member and element on its own line, indented by 2 spaces. */
  public static JsonWriter pretty() {
    return new JsonWriter(true);
  }

  /** Returns a writer that writes no whitespace between tokens. */
  public static JsonWriter compact() {
    return new JsonWriter(false);
  }

  /**
   * Opens an object.
   *
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    scopes.push(Scope.EMPTY_OBJECT);
    memberNames.push(new HashSet<>());
    return this;
  }

  /**
   * Closes the innermost object.
   *
   * @throws IllegalStateException if the innermost container is not an object, or a name waits for
   *     its value
   */
  public JsonWriter endObject() {
    Scope scope = scopes.peek();
    if (scope != Scope.EMPTY_OBJECT && scope != Scope.OBJECT) {
      throw new IllegalStateException(
          "Cannot close an object here: the innermost container is " + describe(scope));
    }
    scopes.pop();
    memberNames.pop();
    if (scope == Scope.OBJECT) {
      newline();
    }
    out.append('}');
    return this;
  }

  /**
   * Opens an array.
   *
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    scopes.push(Scope.EMPTY_ARRAY);
    return this;
  }

  /**
   * Closes the innermost array.
   *
   * @throws IllegalStateException if the innermost container is not an array
   */
  public JsonWriter endArray() {
    Scope scope = scopes.peek();
    if (scope != Scope.EMPTY_ARRAY && scope != Scope.ARRAY) {
      throw new IllegalStateException(
          "Cannot close an array here: the innermost container is " + describe(scope));
    }
    scopes.pop();
    if (scope == Scope.ARRAY) {
      newline();
    }
    out.append(']');
    return this;
  }

  /**
   * Writes the name of the next object member.
   *
   * @throws IllegalStateException if the innermost container is not an object, the previous name
   *     has no value yet, or the object already has a member of this name (RFC 8259 section 4
   *     leaves the meaning of duplicates open)
   */
  public JsonWriter name(String name) {
    Objects.requireNonNull(name, "name");
    Scope scope = scopes.peek();
    if (scope != Scope.EMPTY_OBJECT && scope != Scope.OBJECT) {
      throw new IllegalStateException(
          "Cannot write the name \"" + name + "\" here: " + describe(scope));
    }
    Set<String> names = memberNames.peek();
    if (names != null && !names.add(name)) {
      throw new IllegalStateException("The object already has a member named \"" + name + "\"");
    }
    if (scope == Scope.OBJECT) {
      out.append(',');
    }
    newline();
    writeString(name);
    out.append(pretty ? ": " : ":");
    scopes.pop();
    scopes.push(Scope.OBJECT_VALUE);
    return this;
  }

  /**
   * Writes a string value.
   *
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(String value) {
    Objects.requireNonNull(value, "value");
    beforeValue();
    writeString(value);
    return this;
  }

  /**
   * Writes a number value.
   *
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /**
   * Writes a boolean value.
   *
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /**
   * Writes {@code null}.
   *
   * @throws IllegalStateException if a value is not allowed here
   */
  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /**
   * Returns the document.
   *
   * @throws IllegalStateException if no value was written or a container is still open
   */
  public String toJson() {
    if (!topLevelWritten || !scopes.isEmpty()) {
      throw new IllegalStateException(
          "The JSON document is incomplete: "
              + (topLevelWritten
                  ? scopes.size() + " container(s) still open"
                  : "no value written"));
    }
    return out.toString();
  }

  /** Returns the text written so far, which may be incomplete; for debugging. */
  @Override
  public String toString() {
    return out.toString();
  }

  private void beforeValue() {
    Scope scope = scopes.peek();
    if (scope == null) {
      if (topLevelWritten) {
        throw new IllegalStateException("A JSON document has exactly one top-level value");
      }
      topLevelWritten = true;
      return;
    }
    switch (scope) {
      case EMPTY_ARRAY, ARRAY -> {
        if (scope == Scope.ARRAY) {
          out.append(',');
        }
        newline();
        scopes.pop();
        scopes.push(Scope.ARRAY);
      }
      case OBJECT_VALUE -> {
        scopes.pop();
        scopes.push(Scope.OBJECT);
      }
      case EMPTY_OBJECT, OBJECT ->
          throw new IllegalStateException("A value inside an object needs a name first");
    }
  }

  private void newline() {
    if (!pretty) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < scopes.size(); i++) {
      out.append(INDENT);
    }
  }

  private void writeString(String value) {
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
            appendUnicodeEscape(c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(i + 1));
            i++;
          } else if (Character.isSurrogate(c)) {
            appendUnicodeEscape('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private void appendUnicodeEscape(char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }

  private static String describe(@Nullable Scope scope) {
    if (scope == null) {
      return "none (top level)";
    }
    return switch (scope) {
      case EMPTY_ARRAY, ARRAY -> "an array";
      case EMPTY_OBJECT, OBJECT -> "an object";
      case OBJECT_VALUE -> "an object member whose value is missing";
    };
  }
}
