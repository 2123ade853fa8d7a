package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.Pem;
import io.github.dane4j.testkit.pki.TestChain;
import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that failing commands show plain text, without Java class names or library dumps. */
final class UserFacingTextTest {
  private static final String IDN_HOST = "münchen.example.org";
  private static final List<String> FORBIDDEN =
      List.of("Exception", "java.", "javax.", "org.xbill");

  private static TestChain chain;

  @TempDir Path dir;

  @BeforeAll
  static void createChain() {
    chain = TestChain.create(KeyType.EC_P256, IDN.toASCII(IDN_HOST));
  }

  @Test
  void failingCommands_output_containsNoJavaNames() throws IOException {
    List<CliRun> runs = new ArrayList<>();
    Path loop = dir.resolve("loop1");
    Files.createSymbolicLink(loop, dir.resolve("loop2"));
    Files.createSymbolicLink(dir.resolve("loop2"), loop);
    Path binary = dir.resolve("anchors.bin");
    Files.write(binary, new byte[] {0x00, (byte) 0xFF, (byte) 0xFE, 0x01, 0x30});
    Path hugeDer = dir.resolve("huge.der");
    Files.write(hugeDer, new byte[] {0x30, (byte) 0x84, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x01});
    String chainFile = chainFile();

    runs.add(CliRun.of("domain", "example.org", "--resolver", "127.0.0.1:1", "--timeout", "2s"));
    runs.add(CliRun.of("tlsa", "--cert", loop.toString()));
    runs.add(CliRun.of("tlsa", "--cert", "/dev/null"));
    runs.add(CliRun.of("tlsa", "--cert", hugeDer.toString()));
    runs.add(
        CliRun.of(
            "domain",
            "example.org",
            "--validate",
            "--upstream",
            "127.0.0.1:1",
            "--trust-anchor",
            binary.toString()));
    runs.add(
        CliRun.of(
            "chain",
            "--chain",
            chainFile,
            "--profile",
            "generic",
            "--name",
            IDN.toASCII(IDN_HOST),
            "--tlsa",
            "0 0 1 " + "AB".repeat(32)));

    for (CliRun run : runs) {
      for (String forbidden : FORBIDDEN) {
        assertThat(run.out() + run.err()).as(run.toString()).doesNotContain(forbidden);
      }
    }
  }

  @Test
  void lookupFailure_unreachableResolver_namesAddressAndLocalResolver() {
    CliRun run = CliRun.of("domain", "example.org", "--resolver", "127.0.0.1:1", "--timeout", "2s");

    assertThat(run.out())
        .as(run.toString())
        .contains("no DNS server answers at 127.0.0.1:1 (port unreachable)");
    assertThat(run.out()).as(run.toString()).contains("fix: Check the local resolver");
  }

  @Test
  void fileErrors_symlinkLoop_saysTooManyLevels() throws IOException {
    Path loop = dir.resolve("a");
    Files.createSymbolicLink(loop, dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), loop);

    CliRun run = CliRun.of("tlsa", "--cert", loop.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("too many levels of symbolic links");
  }

  @Test
  void fileErrors_device_saysNotRegularFile() {
    CliRun run = CliRun.of("tlsa", "--cert", "/dev/null");

    assertThat(run.err()).as(run.toString()).contains("/dev/null is not a regular file");
  }

  @Test
  void trustAnchor_binaryFile_saysNotText() throws IOException {
    Path binary = dir.resolve("anchors.bin");
    Files.write(binary, new byte[] {0x00, (byte) 0xFF, 0x01});

    CliRun run =
        CliRun.of(
            "domain",
            "example.org",
            "--validate",
            "--upstream",
            "127.0.0.1:1",
            "--trust-anchor",
            binary.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err())
        .as(run.toString())
        .contains(binary + " is not text")
        .contains("DS or DNSKEY records in zone-file form");
  }

  @Test
  void chain_pkixWithoutCaFile_pointsAtCaFileOption() throws Exception {
    String intermediateDigest =
        HexFormat.of()
            .formatHex(CertificateFiles.sha256(chain.intermediate().certificate().getEncoded()));

    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            chainFile(),
            "--profile",
            "generic",
            "--name",
            IDN.toASCII(IDN_HOST),
            "--tlsa",
            "0 0 1 " + intermediateDigest);

    assertThat(run.out() + run.err()).as(run.toString()).contains("--ca-file");
    assertThat(run.out() + run.err()).as(run.toString()).doesNotContain("DaneVerifier");
  }

  @Test
  void chain_unicodeName_isConvertedLikeTlsaHost() throws IOException {
    String chainFile = chainFile();
    CliRun tlsa = CliRun.of("tlsa", "--cert", chainFile, "--host", IDN_HOST);
    String record = tlsa.out().lines().filter(l -> l.contains(" IN TLSA 3 1 1 ")).findFirst().get();

    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            chainFile,
            "--name",
            IDN_HOST,
            "--tlsa",
            record.substring(record.indexOf("TLSA ") + "TLSA ".length()));

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void clean_rrsetDump_isReplacedByWords() {
    String cleaned =
        UserText.clean(
            "DNSSEC validation failed: Positive response has failed ANSWER rrset: {"
                + " _25._tcp.mx.example. 3600 IN TLSA [3 1 1 AB] sigs: [TLSA 13 5 3600 1 2 3"
                + " example. XYZ==] }");

    assertThat(cleaned)
        .isEqualTo(
            "DNSSEC validation failed: the signatures of the TLSA RRset of _25._tcp.mx.example."
                + " in the ANSWER section do not validate");
  }

  @Test
  void describe_unknownExceptionWithMessage_dropsClassName() {
    String text =
        UserText.describe(
            new IllegalStateException(
                "java.io.IOException: stream closed", new RuntimeException()));

    assertThat(text).isEqualTo("stream closed");
  }

  @Test
  void escapeControls_escapeCharacter_isWrittenAsUnicodeEscape() {
    assertThat(UserText.escapeControls("a\u001b[2Jb")).isEqualTo("a\\u001b[2Jb");
  }

  private String chainFile() throws IOException {
    Path file = Files.createTempFile(dir, "chain", ".pem");
    Files.writeString(file, Pem.encode(chain.chainWithoutRoot()), StandardCharsets.US_ASCII);
    return file.toString();
  }
}
