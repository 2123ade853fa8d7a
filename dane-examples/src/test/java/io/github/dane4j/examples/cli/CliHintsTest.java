package io.github.dane4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dane4j.testkit.pki.CertificateBuilder;
import io.github.dane4j.testkit.pki.IssuedCertificate;
import io.github.dane4j.testkit.pki.KeyType;
import io.github.dane4j.testkit.pki.Pem;
import io.github.dane4j.testkit.pki.TestChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hints and notes for inputs that are almost right: owner-name lines, duplicates, mixed files. */
final class CliHintsTest {
  private static final String HOST = "mx.example.org";
  private static TestChain chain;
  private static String leafRecord;

  @TempDir Path dir;

  @BeforeAll
  static void createChain() throws Exception {
    chain = TestChain.create(KeyType.EC_P256, HOST);
    leafRecord = "3 1 1 " + CertificateFiles.spkiSha256(chain.leaf().certificate());
  }

  @Test
  void chain_tlsaWithOwnerNameClassAndType_isAccepted() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--name",
            HOST,
            "--tlsa",
            "_25._tcp." + HOST + ". 3600 IN TLSA " + leafRecord);

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void chain_unquotedTlsa_hintsToQuote() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--name",
            HOST,
            "--tlsa=3",
            "1",
            "1",
            "AB");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("quote the whole record as one argument");
  }

  @Test
  void chain_unknownAndMissingOptions_reportsUnknownFirst() {
    CliRun run = CliRun.of("chain", "--chian", "x.pem");

    assertThat(run.err()).as(run.toString()).contains("Unknown option: '--chian'");
  }

  @Test
  void scan_negatedOptionWithMissingFile_reportsMissingFile() {
    CliRun run = CliRun.of("scan", "--no-progress");

    assertThat(run.err()).as(run.toString()).doesNotContain("Unknown option");
    assertThat(run.err()).as(run.toString()).contains("Missing required parameter");
  }

  @Test
  void chain_duplicateTlsaAndName_printNotes() throws IOException {
    CliRun run =
        CliRun.of(
            "chain",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--name",
            HOST,
            "--name",
            HOST.toUpperCase(java.util.Locale.ROOT) + ".",
            "--tlsa",
            leafRecord,
            "--tlsa",
            leafRecord);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).as(run.toString()).contains("note: --tlsa \"" + leafRecord + "\"");
    assertThat(run.err()).as(run.toString()).contains("note: --name");
  }

  @Test
  void timeout_outOfRange_echoesTypedValue() {
    CliRun run =
        CliRun.of("domain", "example.org", "--resolver", "127.0.0.1:1", "--timeout", "PT2H");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("'PT2H' is out of range");
  }

  @Test
  void tlsa_derFollowedByPem_rejectsMixedFile() throws Exception {
    Path mixed = dir.resolve("mixed.pem");
    byte[] der = chain.leaf().certificate().getEncoded();
    byte[] text =
        Pem.encode(List.of(chain.intermediate().certificate())).getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[der.length + text.length];
    System.arraycopy(der, 0, content, 0, der.length);
    System.arraycopy(text, 0, content, der.length, text.length);
    Files.write(mixed, content);

    CliRun run = CliRun.of("tlsa", "--cert", mixed.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("starts with DER data and also contains PEM");
  }

  @Test
  void tlsa_trustedCertificateBlocks_areRead() throws IOException {
    String trusted =
        Pem.encode(chain.chainWithoutRoot())
            .replace("CERTIFICATE-----", "TRUSTED CERTIFICATE-----");
    Path file = dir.resolve("trusted.pem");
    Files.writeString(file, trusted, StandardCharsets.US_ASCII);

    CliRun run = CliRun.of("tlsa", "--cert", file.toString());

    assertThat(run.out()).as(run.toString()).contains("(2 certificates)");
  }

  @Test
  void caFile_noCertificate_talksAboutCaFile() throws IOException {
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "no certificates here\n", StandardCharsets.US_ASCII);

    CliRun run =
        CliRun.of(
            "chain",
            "--profile",
            "generic",
            "--chain",
            pem(chain.chainWithoutRoot()),
            "--name",
            HOST,
            "--tlsa",
            leafRecord,
            "--ca-file",
            empty.toString());

    assertThat(run.err()).as(run.toString()).contains("root CA certificates");
  }

  @Test
  void tlsa_cnOnlyLeafWithoutHost_usesCnAndSaysSo() throws IOException {
    IssuedCertificate cnOnly = CertificateBuilder.create().subjectCn("cn-only.example.org").build();

    CliRun run = CliRun.of("tlsa", "--cert", pem(List.of(cnOnly.certificate())));

    assertThat(run.out())
        .as(run.toString())
        .contains("_25._tcp.cn-only.example.org. IN TLSA 3 1 1 ");
    assertThat(run.out()).as(run.toString()).contains("owner name from the subject CN");
  }

  @Test
  void tlsa_brainpoolIssuer_saysJdkCannotVerify() throws Exception {
    BouncyCastleProvider bc = new BouncyCastleProvider();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
    generator.initialize(new ECGenParameterSpec("brainpoolP256r1"));
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair leafKeys = generator.generateKeyPair();
    X500Name caName = new X500Name("CN=Brainpool CA");
    X509Certificate ca = issue(caName, caName, caKeys.getPublic(), caKeys, true, bc);
    X509Certificate leaf =
        issue(new X500Name("CN=" + HOST), caName, leafKeys.getPublic(), caKeys, false, bc);

    CliRun run = CliRun.of("tlsa", "--cert", pem(List.of(leaf, ca)), "--usage", "2");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).as(run.toString()).contains("the JDK cannot verify the signature");
  }

  @SuppressWarnings("JavaUtilDate") // Bouncy Castle's certificate builder takes java.util.Date
  private static X509Certificate issue(
      X500Name subject,
      X500Name issuer,
      PublicKey subjectKey,
      KeyPair issuerKeys,
      boolean ca,
      BouncyCastleProvider bc)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            subject,
            subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
    }
    byte[] der =
        builder
            .build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(bc)
                    .build(issuerKeys.getPrivate()))
            .getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private String pem(List<X509Certificate> certificates) throws IOException {
    Path file = Files.createTempFile(dir, "cert", ".pem");
    Files.writeString(file, Pem.encode(certificates), StandardCharsets.US_ASCII);
    return file.toString();
  }
}
