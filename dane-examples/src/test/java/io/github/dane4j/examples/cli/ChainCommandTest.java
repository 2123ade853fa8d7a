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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChainCommandTest {
  private static final String HOST = "mx.example.org";

  private static TestChain chain;
  private static String leafSpki;
  private static String intermediateCert;

  @TempDir Path dir;

  @BeforeAll
  static void createChain() throws Exception {
    chain = TestChain.create(KeyType.EC_P256, HOST);
    leafSpki = hex(CertificateFiles.sha256(chain.leaf().certificate().getPublicKey().getEncoded()));
    intermediateCert =
        hex(CertificateFiles.sha256(chain.intermediate().certificate().getEncoded()));
  }

  @Test
  void chain_daneEeRecordMatches_exitsOkAndMarksRecord() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("* 3 1 1 " + leafSpki);
    assertThat(run.out()).contains("Result: authenticated by 3 1 1");
  }

  @Test
  void chain_json_printsAuthenticatedDepthRecordAndResultType() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            HOST);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().strip())
        .isEqualTo(
            "{\"authenticated\":true,\"depth\":1,\"record\":\"2 0 1 "
                + intermediateCert
                + "\",\"resultType\":null,\"reasonCode\":null,\"warnings\":[]}");
  }

  @Test
  void chain_noRecordMatches_exitsCriticalWithFixHint() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + "00".repeat(32),
            "--name",
            HOST);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("NOT authenticated: dane-no-match");
    assertThat(run.out()).contains("Fix: no record matches this chain");
  }

  @Test
  void chain_jsonFailure_printsNullDepthAndResultType() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + "00".repeat(32),
            "--name",
            HOST);

    assertThat(run.out())
        .contains("\"authenticated\":false,\"depth\":null,\"record\":null")
        .contains("\"resultType\":\"certificate-not-trusted\"");
  }

  @Test
  void chain_daneTaNameMismatch_reportsHostMismatch() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            "other.example.net");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("\"resultType\":\"certificate-host-mismatch\"");
  }

  @Test
  void chain_atAfterLeafExpiry_daneTaFailsAsExpired() throws IOException {
    Instant afterExpiry = chain.leaf().certificate().getNotAfter().toInstant().plusSeconds(60);

    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            HOST,
            "--at",
            afterExpiry.toString());

    assertThat(run.out()).contains("\"resultType\":\"certificate-expired\"");
  }

  @Test
  void chain_atAfterLeafExpiry_daneEeStillAuthenticates() throws IOException {
    Instant afterExpiry = chain.leaf().certificate().getNotAfter().toInstant().plusSeconds(60);

    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST,
            "--at",
            afterExpiry.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void chain_daneTaLeafExpiresWithinWindow_exitsWarning() throws IOException {
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(HOST)
            .dnsNames(HOST)
            .issuer(chain.intermediate())
            .validity(
                Instant.now().minus(Duration.ofDays(80)), Instant.now().plus(Duration.ofDays(5)))
            .build();
    List<X509Certificate> expiring =
        List.of(leaf.certificate(), chain.intermediate().certificate());

    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(expiring),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            HOST,
            "--expiry-warning",
            "14");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).contains("Warning: the certificate at depth 0");
  }

  @Test
  void chain_daneTaLeafExpiresAfterWindow_exitsOk() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            HOST,
            "--expiry-warning",
            "14");

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void chain_malformedTlsa_printsOneLineErrorNamingOption() throws IOException {
    CliRun run =
        CliRun.of("chain", "--chain", pem(chain.chain()), "--tlsa", "3 1 1 XYZ", "--name", HOST);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).startsWith("dane-check chain: Invalid --tlsa value");
    assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void chain_missingRequiredOptions_namesThemAndExitsUnknown() {
    CliRun run = CliRun.of("chain", "--name", HOST);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--chain=FILE").contains("--tlsa");
    assertThat(run.err().strip()).doesNotContain("\n");
  }

  @Test
  void chain_missingFile_namesFileAndExitsUnknown() {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            dir.resolve("absent.pem").toString(),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("File not found for --chain").contains("absent.pem");
  }

  @Test
  void chain_fileWithoutCertificate_exitsUnknown() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here\n");

    CliRun run =
        CliRun.of(
            "chain", "--chain", empty.toString(), "--tlsa", "3 1 1 " + leafSpki, "--name", HOST);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("empty.pem");
  }

  @Test
  void chain_caFileWithSmtpProfile_exitsUnknownAndNamesProfile() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chain()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST,
            "--ca-file",
            pem(List.of(chain.root().certificate())));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--ca-file").contains("--profile generic");
  }

  @Test
  void chain_eeNameChecksWithSmtpProfile_exitsUnknown() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chain()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST,
            "--ee-name-checks");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--ee-name-checks").contains("RFC 7672 section 3.2.1");
  }

  @Test
  void chain_genericProfileWithEeNameChecks_rejectsOtherName() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--profile",
            "generic",
            "--ee-name-checks",
            "--chain",
            pem(chain.chain()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            "other.example.net");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).contains("certificate-host-mismatch");
  }

  @Test
  void chain_genericProfilePkixEeWithCaFile_authenticates() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--profile",
            "generic",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "1 1 1 " + leafSpki,
            "--name",
            HOST,
            "--ca-file",
            pem(List.of(chain.root().certificate())));

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void chain_pkixWithCaFileAndExpiredLeaf_namesExpiryDate() throws IOException {
    Instant later = chain.leaf().certificate().getNotAfter().toInstant().plusSeconds(86_400);

    CliRun run =
        CliRun.of(
            "chain",
            "--profile",
            "generic",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "1 1 1 " + leafSpki,
            "--name",
            HOST,
            "--ca-file",
            pem(List.of(chain.root().certificate())),
            "--at",
            later.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out())
        .as(run.toString())
        .contains(
            "the leaf (CN="
                + HOST
                + ") expired on "
                + chain.leaf().certificate().getNotAfter().toInstant());
    assertThat(run.out()).as(run.toString()).doesNotContain("give the root with --ca-file");
  }

  @Test
  void chain_pkixWithCaFileWithoutPath_doesNotAskForCaFile() throws IOException {
    TestChain other = TestChain.create(KeyType.EC_P256, HOST);

    CliRun run =
        CliRun.of(
            "chain",
            "--profile",
            "generic",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "1 1 1 " + leafSpki,
            "--name",
            HOST,
            "--ca-file",
            pem(List.of(other.root().certificate())));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out()).as(run.toString()).contains("Fix: no PKIX path leads from the chain");
    assertThat(run.out()).as(run.toString()).doesNotContain("give the root with --ca-file");
  }

  @Test
  void chain_invalidAt_namesExpectedForm() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chain()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST,
            "--at",
            "tomorrow");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--at").contains("2026-06-01T00:00:00Z");
  }

  @Test
  void chain_unknownProfile_exitsUnknown() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--profile",
            "https",
            "--chain",
            pem(chain.chain()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--profile");
  }

  @Test
  void chain_negativeExpiryWarning_exitsUnknown() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chain()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST,
            "--expiry-warning",
            "-1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).contains("--expiry-warning");
  }

  @Test
  void chain_jsonWithExpiryWarning_listsWarning() throws IOException {
    IssuedCertificate leaf =
        CertificateBuilder.create()
            .subjectCn(HOST)
            .dnsNames(HOST)
            .issuer(chain.intermediate())
            .validity(
                Instant.now().minus(Duration.ofDays(80)), Instant.now().plus(Duration.ofDays(5)))
            .build();

    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--chain",
            pem(List.of(leaf.certificate(), chain.intermediate().certificate())),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            HOST,
            "--expiry-warning",
            "14");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out())
        .as(run.toString())
        .contains("\"warnings\":[\"the certificate at depth 0 (CN=" + HOST + ") expires on ");
  }

  @Test
  void chain_jsonWithoutWarning_printsEmptyWarnings() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--json",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            HOST);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).as(run.toString()).contains("\"warnings\":[]");
  }

  @Test
  void chain_emptyName_namesOptionWithoutExceptionClass() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + leafSpki,
            "--name",
            "");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err())
        .as(run.toString())
        .startsWith("dane-check chain: Invalid --name \"\": ")
        .contains("mx.example.org");
    assertThat(run.err()).as(run.toString()).doesNotContain("Exception");
  }

  @Test
  void chain_daneTaAnchorNotSent_hintsSendAnchor() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(List.of(chain.leaf().certificate())),
            "--tlsa",
            "2 0 1 " + intermediateCert,
            "--name",
            HOST);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(run.out())
        .as(run.toString())
        .contains("Fix: no DANE-TA(2) record matches a certificate that the server sends")
        .contains("must send the trust anchor certificate in its chain")
        .contains("RFC 7671 section 5.2.2")
        .contains("2 0 1 or 2 1 1");
    assertThat(run.out()).as(run.toString()).doesNotContain("keep the old records");
  }

  @Test
  void chain_daneEeNoMatch_keepsRecordHint() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--tlsa",
            "3 1 1 " + intermediateCert,
            "--name",
            HOST);

    assertThat(run.out()).as(run.toString()).contains("Fix: no record matches this chain");
    assertThat(run.out()).as(run.toString()).doesNotContain("no DANE-TA(2) record matches");
  }

  @Test
  void chain_malformedSecondBlock_namesFileAndBlock() throws IOException {
    String leaf = Pem.encode(List.of(chain.leaf().certificate()));
    String broken =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})
            + "\n-----END CERTIFICATE-----\n";
    Path file = Files.writeString(dir.resolve("broken.pem"), leaf + broken);

    CliRun run =
        CliRun.of(
            "chain", "--chain", file.toString(), "--tlsa", "3 1 1 " + leafSpki, "--name", HOST);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err())
        .as(run.toString())
        .contains(file + " (given to --chain): block 2 is not a valid X.509 certificate: ")
        .contains("copied whole");
    assertThat(run.err()).as(run.toString()).doesNotContainPattern("java\\.[a-z]+\\.");
  }

  @Test
  void chain_invalidBase64_namesBlock() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("base64.pem"),
            "-----BEGIN CERTIFICATE-----\nMII*not-base64*\n-----END CERTIFICATE-----\n");

    CliRun run =
        CliRun.of(
            "chain", "--chain", file.toString(), "--tlsa", "3 1 1 " + leafSpki, "--name", HOST);

    assertThat(run.err()).as(run.toString()).contains("block 1 is not valid Base64");
  }

  @Test
  void chain_missingEndLine_namesBlock() throws IOException {
    String pem = Pem.encode(List.of(chain.leaf().certificate()));
    Path file =
        Files.writeString(dir.resolve("cut.pem"), pem.substring(0, pem.indexOf("-----END")));

    CliRun run =
        CliRun.of(
            "chain", "--chain", file.toString(), "--tlsa", "3 1 1 " + leafSpki, "--name", HOST);

    assertThat(run.err())
        .as(run.toString())
        .contains("block 1 (CERTIFICATE) has no '-----END CERTIFICATE-----' line");
  }

  @Test
  void chain_derFile_loadsCertificate() throws Exception {
    Path file = Files.write(dir.resolve("leaf.der"), chain.leaf().certificate().getEncoded());

    CliRun run =
        CliRun.of(
            "chain", "--chain", file.toString(), "--tlsa", "3 1 1 " + leafSpki, "--name", HOST);

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  private String pem(List<X509Certificate> certificates) throws IOException {
    Path file = Files.createTempFile(dir, "chain", ".pem");
    Files.writeString(file, Pem.encode(certificates), StandardCharsets.US_ASCII);
    return file.toString();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }
}
