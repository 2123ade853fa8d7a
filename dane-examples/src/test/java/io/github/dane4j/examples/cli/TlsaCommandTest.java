package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.Pem;
import io.github.dane4j.testkit.pki.TestChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TlsaCommandTest {
  private static final String HOST = "mx.example.org";
  private static TestChain chain;

  @TempDir Path dir;

  @BeforeAll
  static void createChain() {
    chain = TestChain.create(KeyType.RSA_2048, HOST);
  }

  @Test
  void tlsa_chain_prints311And201WithOwnerName() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(records(run.out())).hasSize(2);
    assertThat(records(run.out()).get(0)).startsWith("_25._tcp.mx.example.org. IN TLSA 3 1 1 ");
    assertThat(records(run.out()).get(1)).startsWith("_25._tcp.mx.example.org. IN TLSA 2 0 1 ");
  }

  @Test
  void tlsa_printedRecords_authenticateTheChainThroughChainCommand() throws IOException {
    String chainFile = pem(chain.chainWithoutRoot());
    CliRun tlsa = CliRun.of("tlsa", "--cert", chainFile);

    for (String line : records(tlsa.out())) {
      String record = line.substring(line.indexOf("TLSA ") + "TLSA ".length());
      CliRun check = CliRun.of("chain", "--chain", chainFile, "--tlsa", record, "--name", HOST);

      assertThat(check.exitCode()).as(record + "\n" + check).isZero();
    }
  }

  @Test
  void tlsa_leafOnly_prints311AndExplainsMissing201() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(List.of(chain.leaf().certificate())));

    assertThat(records(run.out())).hasSize(1);
    assertThat(run.out()).contains("no 2 0 1 record");
  }

  @Test
  void tlsa_chosenParameters_printOneRecordOfThatKind() throws IOException {
    CliRun run =
        CliRun.of(
            "tlsa",
            "--cert",
            pem(chain.chainWithoutRoot()),
            "--usage",
            "2",
            "--selector",
            "1",
            "--mtype",
            "2");

    assertThat(records(run.out())).singleElement().asString().contains("IN TLSA 2 1 2 ");
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void tlsa_fullMatchingType_printsWholeCertificate() throws Exception {
    CliRun run =
        CliRun.of(
            "tlsa",
            "--cert",
            pem(chain.chainWithoutRoot()),
            "--usage",
            "3",
            "--selector",
            "0",
            "--mtype",
            "0");

    String record = records(run.out()).get(0);
    assertThat(record)
        .endsWith(
            java.util.HexFormat.of()
                .withUpperCase()
                .formatHex(chain.leaf().certificate().getEncoded()));
  }

  @Test
  void tlsa_hostAndPort_setOwnerName() throws IOException {
    CliRun run =
        CliRun.of(
            "tlsa",
            "--cert",
            pem(chain.chainWithoutRoot()),
            "--host",
            "MX2.Example.ORG.",
            "--port",
            "2525");

    assertThat(records(run.out()))
        .allMatch(line -> line.startsWith("_2525._tcp.mx2.example.org. "));
  }

  @Test
  void tlsa_daneTaForHostNotInLeaf_warnsAndExitsWarning() throws IOException {
    CliRun run =
        CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()), "--host", "other.example.net");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("; warning: this record does not authenticate the chain");
  }

  @Test
  void tlsa_wildcardOnlyLeafWithoutHost_asksForHost() throws IOException {
    IssuedCertificate wildcard =
        CertificateBuilder.create().subjectCn("*.example.org").dnsNames("*.example.org").build();

    CliRun run = CliRun.of("tlsa", "--cert", pem(List.of(wildcard.certificate())));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--host");
  }

  @Test
  void tlsa_invalidUsage_exitsUnknownNamingOption() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()), "--usage", "7");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).startsWith("dane-check tlsa: Invalid --usage 7");
  }

  @Test
  void tlsa_invalidSelectorAndMatchingType_exitUnknown() throws IOException {
    String file = pem(chain.chainWithoutRoot());

    assertThat(CliRun.of("tlsa", "--cert", file, "--selector", "2").err())
        .contains("Invalid --selector 2");
    assertThat(CliRun.of("tlsa", "--cert", file, "--mtype", "3").err())
        .contains("Invalid --mtype 3");
  }

  @Test
  void tlsa_invalidHost_exitsUnknown() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()), "--host", "a..b");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("Invalid host name 'a..b'");
  }

  @Test
  void tlsa_portOutOfRange_exitsUnknown() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--port");
  }

  private static List<String> records(String output) {
    List<String> records = new ArrayList<>();
    for (String line : output.lines().toList()) {
      if (!line.startsWith(";") && line.contains(" IN TLSA ")) {
        records.add(line.strip());
      }
    }
    return records;
  }

  private String pem(List<X509Certificate> certificates) throws IOException {
    Path file = Files.createTempFile(dir, "cert", ".pem");
    Files.writeString(file, Pem.encode(certificates), StandardCharsets.US_ASCII);
    return file.toString();
  }
}
