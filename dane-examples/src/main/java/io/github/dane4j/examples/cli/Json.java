package io.github.dane4j.examples.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds one-line JSON objects for the command's own output; reports serialise themselves. */
final class Json {
  private final StringBuilder text = new StringBuilder("{");

  /** Adds a string member, or {@code null} when the value is null. */
  Json add(String name, @Nullable String value) {
    member(name);
    if (value == null) {
      text.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  /** Adds a boolean member. */
  Json add(String name, boolean value) {
    member(name);
    text.append(value);
    return this;
  }

  /** Adds a number member, or {@code null} when the value is null. */
  Json add(String name, @Nullable Integer value) {
    member(name);
    text.append(value == null ? "null" : value.toString());
    return this;
  }

  /** Adds an array of strings. */
  Json add(String name, List<String> values) {
    member(name);
    text.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      quote(values.get(i));
    }
    text.append(']');
    return this;
  }

  /** Adds a member whose value is already JSON text. */
  Json addRaw(String name, String json) {
    member(name);
    text.append(json);
    return this;
  }

  @Override
  public String toString() {
    return text + "}";
  }

  /** Returns a JSON string literal (RFC 8259 section 7) for the value. */
  static String quoted(String value) {
    Json json = new Json();
    json.text.setLength(0);
    json.quote(value);
    return json.text.toString();
  }

  private void member(String name) {
    if (text.length() > 1) {
      text.append(',');
    }
    quote(name);
    text.append(':');
  }

  private void quote(String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            text.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }
}
