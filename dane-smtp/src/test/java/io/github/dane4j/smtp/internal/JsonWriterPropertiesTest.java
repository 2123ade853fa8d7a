package io.github.dane4j.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of {@link JsonWriter}: any string survives a round trip through a strict parser. */
class JsonWriterPropertiesTest {

  @Property(tries = 500)
  void value_anyUnicodeWithoutLoneSurrogates_parsesBackUnchanged(
      @ForAll
          @StringLength(max = 64)
          @CharRange(from = '\u0000', to = '\ud7ff')
          @CharRange(from = '\ue000', to = '\uffff')
          String value) {
    String json = JsonWriter.compact().value(value).toJson();

    assertThat(StrictJsonParser.parse(json)).isEqualTo(value);
  }

  @Property(tries = 500)
  void value_anyString_isValidJsonWithoutRawControlCharacters(
      @ForAll @StringLength(max = 64) String value) {
    String json = JsonWriter.pretty().beginArray().value(value).endArray().toJson();

    assertThat(StrictJsonParser.parse(json)).isInstanceOf(List.class);
    assertThat(json.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Property(tries = 200)
  void name_anyMemberNames_parseBackInOrder(
      @ForAll @Size(max = 8)
          List<@StringLength(max = 16) @Chars({'a', 'b', '"', '\\', '\n', 'é'}) String> names) {
    List<String> distinct = names.stream().distinct().toList();
    JsonWriter writer = JsonWriter.pretty().beginObject();
    for (int i = 0; i < distinct.size(); i++) {
      writer.name(distinct.get(i)).value(i);
    }
    String json = writer.endObject().toJson();

    Object parsed = StrictJsonParser.parse(json);
    assertThat(parsed).isInstanceOf(Map.class);
    List<Object> keys = parsed instanceof Map<?, ?> map ? List.copyOf(map.keySet()) : List.of();
    assertThat(keys).isEqualTo(distinct);
  }
}
