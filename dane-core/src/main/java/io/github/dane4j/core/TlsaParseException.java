package io.github.dane4j.core;

/**
 * Thrown when TLSA presentation text or wire RDATA is malformed: a field is missing or extra, a
 * number is out of range, the hexadecimal data is invalid, or the association data is empty.
 *
 * <p>This is the only exception that the TLSA parsers throw for bad input. Unknown but well-formed
 * field values are not malformed: they parse and make the record unusable.
 */
public final class TlsaParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  /**
   * Creates an exception for one field.
   *
   * @param field the name of the field that is malformed, such as {@code "usage"}
   * @param value the offending text, shortened by the caller if it is long
   * @param message the full message, which names the field, the value and what to do
   */
  public TlsaParseException(String field, String value, String message) {
    super(message);
    this.field = field;
    this.value = value;
  }

  /**
   * Returns the name of the malformed field: {@code record}, {@code usage}, {@code selector},
   * {@code matching type} or {@code data}.
   */
  public String field() {
    return field;
  }

  /** Returns the offending text. */
  public String value() {
    return value;
  }
}
