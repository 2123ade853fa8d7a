package io.github.dane4j.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.core.spi.DnsFetcher;
import io.github.dane4j.core.spi.DnsFetcherSettings;
import io.github.dane4j.dns.dnsjava.DnsjavaFetcherProvider;
import io.github.dane4j.dns.testing.DocsExamples;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the Java examples of docs/dns.md and {@link DocsExamples} in step. */
class DocsExamplesTest {
  private static final Path PAGE = Path.of("..", "docs", "dns.md");
  private static final Path EXAMPLES =
      Path.of(
          "src", "test", "java", "io", "github", "dane4j", "dns", "testing", "DocsExamples.java");

  /** Returns the lines of the page's Java code blocks, without comments and blank lines. */
  private static List<String> exampleLines() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean inJava = false;
    for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inJava = !inJava && line.equals("```java");
        continue;
      }
      int comment = line.indexOf("//");
      String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (inJava && !code.isEmpty()) {
        lines.add(code);
      }
    }
    return lines;
  }

  private static String withoutWhitespace(String text) {
    return text.replaceAll("\\s+", "");
  }

  @Test
  void docsPage_everyExampleLine_occursInDocsExamples() throws IOException {
    String source = withoutWhitespace(Files.readString(EXAMPLES, StandardCharsets.UTF_8));
    List<String> lines = exampleLines();

    assertThat(lines).hasSizeGreaterThan(20);
    for (String line : lines) {
      assertThat(source).as("docs/dns.md line: %s", line).contains(withoutWhitespace(line));
    }
  }

  @Test
  void anchorsAsText_rootDs_loadsIntoFetcher() {
    DnsFetcherSettings settings = DocsExamples.anchorsAsText();
    // The discard port on loopback: creating the fetcher loads the anchors and sends no query.
    DnsFetcherSettings offline =
        settings.toBuilder()
            .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9))
            .build();

    assertThat(settings.rootTrustAnchors()).isFalse();
    assertThat(settings.trustAnchorTexts()).singleElement().asString().contains("20326 8 2");
    try (DnsFetcher fetcher = new DnsjavaFetcherProvider().create(offline)) {
      assertThat(fetcher.providerName()).isEqualTo("dnsjava");
    }
  }
}
