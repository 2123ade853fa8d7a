package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void compact_nestedDocument_exactText() {
    String json =
        JsonWriter.compact()
            .beginObject()
            .name("a")
            .value(1)
            .name("b")
            .beginArray()
            .value(true)
            .nullValue()
            .value("x")
            .endArray()
            .name("c")
            .beginObject()
            .endObject()
            .endObject()
            .toJson();

    assertThat(json).isEqualTo("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{}}");
  }

  @Test
  void pretty_nestedDocument_indentedTwoSpaces() {
    String json =
        JsonWriter.pretty()
            .beginObject()
            .name("a")
            .beginArray()
            .value(1)
            .endArray()
            .name("e")
            .beginArray()
            .endArray()
            .endObject()
            .toJson();

    assertThat(json).isEqualTo("{\n  \"a\": [\n    1\n  ],\n  \"e\": []\n}");
  }

  @Test
  void value_quoteAndBackslash_escaped() {
    assertThat(JsonWriter.compact().value("a\"b\\c").toJson()).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void value_shortEscapes_used() {
    assertThat(JsonWriter.compact().value("\b\f\n\r\t").toJson()).isEqualTo("\"\\b\\f\\n\\r\\t\"");
  }

  @Test
  void value_otherControlCharactersAndDelete_unicodeEscaped() {
    assertThat(JsonWriter.compact().value("\u0000\u001f\u007f").toJson())
        .isEqualTo("\"\\u0000\\u001f\\u007f\"");
  }

  @Test
  void value_lineAndParagraphSeparators_escaped() {
    assertThat(JsonWriter.compact().value("\u2028\u2029").toJson()).isEqualTo("\"\\u2028\\u2029\"");
  }

  @Test
  void value_loneSurrogates_replacedByReplacementCharacter() {
    assertThat(JsonWriter.compact().value("a\ud800b\udc00").toJson())
        .isEqualTo("\"a\\ufffdb\\ufffd\"");
  }

  @Test
  void value_surrogatePairAndNonAscii_writtenAsIs() {
    assertThat(JsonWriter.compact().value("é\ud83d\ude00/").toJson())
        .isEqualTo("\"é\ud83d\ude00/\"");
  }

  @Test
  void value_longExtremes_parseBack() {
    String json =
        JsonWriter.compact()
            .beginArray()
            .value(Long.MIN_VALUE)
            .value(Long.MAX_VALUE)
            .endArray()
            .toJson();

    assertThat(StrictJsonParser.parse(json))
        .isEqualTo(List.of(new BigDecimal(Long.MIN_VALUE), new BigDecimal(Long.MAX_VALUE)));
  }

  @Test
  void name_memberNameWithQuote_escapedAndParsesBack() {
    String json = JsonWriter.compact().beginObject().name("k\"").value("v").endObject().toJson();

    assertThat(StrictJsonParser.parse(json)).isEqualTo(Map.of("k\"", "v"));
  }

  @Test
  void name_outsideObject_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().beginArray();

    assertThatThrownBy(() -> writer.name("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("an array");
  }

  @Test
  void value_insideObjectWithoutName_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().beginObject();

    assertThatThrownBy(() -> writer.value("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a name");
  }

  @Test
  void endObject_afterNameWithoutValue_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().beginObject().name("x");

    assertThatThrownBy(writer::endObject)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("value is missing");
  }

  @Test
  void endArray_insideObject_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().beginObject();

    assertThatThrownBy(writer::endArray).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void value_secondTopLevelValue_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().value(1);

    assertThatThrownBy(() -> writer.value(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one top-level value");
  }

  @Test
  void name_duplicateInSameObject_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().beginObject().name("a").value(1);

    assertThatThrownBy(() -> writer.name("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"a\"");
  }

  @Test
  void name_sameNameInNestedObject_allowed() {
    String json =
        JsonWriter.compact()
            .beginObject()
            .name("a")
            .beginObject()
            .name("a")
            .value(1)
            .endObject()
            .endObject()
            .toJson();

    assertThat(json).isEqualTo("{\"a\":{\"a\":1}}");
  }

  @Test
  void toJson_unclosedContainer_throwsIllegalState() {
    JsonWriter writer = JsonWriter.compact().beginArray().beginObject();

    assertThatThrownBy(writer::toJson)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 container(s) still open");
  }

  @Test
  void toJson_nothingWritten_throwsIllegalState() {
    assertThatThrownBy(() -> JsonWriter.compact().toJson())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no value written");
  }

  @Test
  void parser_rejectsUnescapedControlCharacter() {
    assertThatThrownBy(() -> StrictJsonParser.parse("\"a\nb\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parser_rejectsTrailingComma() {
    assertThatThrownBy(() -> StrictJsonParser.parse("[1,]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
