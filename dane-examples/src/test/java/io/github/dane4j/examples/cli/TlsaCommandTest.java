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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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

  @Test
  void tlsa_pkixUsage_warnsOnStderr() throws IOException {
    String file = pem(chain.chainWithoutRoot());

    for (String usage : List.of("0", "1")) {
      CliRun run = CliRun.of("tlsa", "--cert", file, "--usage", usage);

      assertThat(records(run.out()))
          .as(run.toString())
          .singleElement()
          .asString()
          .contains("IN TLSA " + usage + " ");
      assertThat(run.err()).as(run.toString()).contains("RFC 7672 section 3.1.3");
      assertThat(run.err()).as(run.toString()).startsWith("dane-check tlsa: warning: ");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    }
  }

  @Test
  void tlsa_caCertificateFirst_rejectsNamingFileAndFix() throws IOException {
    String file = pem(List.of(chain.intermediate().certificate(), chain.leaf().certificate()));

    CliRun run = CliRun.of("tlsa", "--cert", file);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err())
        .as(run.toString())
        .contains("The first certificate in " + file)
        .contains("is a CA certificate")
        .contains("put the server's certificate (CN=" + HOST);
    assertThat(records(run.out())).as(run.toString()).isEmpty();
  }

  @Test
  void tlsa_duplicatedLeaf_rejectsNamingTheCopy() throws IOException {
    X509Certificate leaf = chain.leaf().certificate();
    String file = pem(List.of(leaf, leaf, chain.intermediate().certificate()));

    CliRun run = CliRun.of("tlsa", "--cert", file);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("Certificate 2 in " + file + " is a copy");
    assertThat(records(run.out())).as(run.toString()).isEmpty();
  }

  @Test
  void tlsa_secondCertificateNotIssuer_rejects() throws IOException {
    String file = pem(List.of(chain.leaf().certificate(), chain.root().certificate()));

    CliRun run = CliRun.of("tlsa", "--cert", file);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("did not issue certificate 1");
  }

  @Test
  void tlsa_loneCaCertificateByDefault_rejects() throws IOException {
    String file = pem(List.of(chain.intermediate().certificate()));

    CliRun run = CliRun.of("tlsa", "--cert", file, "--host", HOST);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err()).as(run.toString()).contains("--usage 2");
    assertThat(records(run.out())).as(run.toString()).isEmpty();
  }

  @Test
  void tlsa_loneCaCertificateWithUsage2_printsTrustAnchorRecord() throws IOException {
    String file = pem(List.of(chain.intermediate().certificate()));

    CliRun run = CliRun.of("tlsa", "--cert", file, "--host", HOST, "--usage", "2");

    assertThat(records(run.out()))
        .as(run.toString())
        .singleElement()
        .asString()
        .contains(" 2 0 1 ");
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void tlsa_usage2OnLoneLeaf_warnsAboutDepthAndExitsWarning() throws IOException {
    CliRun run =
        CliRun.of("tlsa", "--cert", pem(List.of(chain.leaf().certificate())), "--usage", "2");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WARNING);
    assertThat(run.out()).as(run.toString()).contains("; warning: ").contains("depth 1 or more");
  }

  @Test
  void tlsa_daneUsages_printNoWarningOnStderr() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()));

    assertThat(run.err()).as(run.toString()).isEmpty();
  }

  @Test
  void tlsa_oneCertificate_countsItInSingular() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(List.of(chain.leaf().certificate())));

    assertThat(run.out()).as(run.toString()).contains("(1 certificate)");
  }

  @Test
  void tlsa_twoCertificates_countsThemInPlural() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()));

    assertThat(run.out()).as(run.toString()).contains("(2 certificates)");
  }

  @Test
  void tlsa_rsaSpkiWithoutNull_hashesCertificateBytes() throws Exception {
    KeyPair keys = KeyType.RSA_2048.generateKeyPair();
    RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
    // The AlgorithmIdentifier lacks the NULL parameters that RFC 3279 section 2.3.1 requires. The
    // JDK adds them when it re-encodes the key, so its encoding differs from the certificate's.
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption),
            new org.bouncycastle.asn1.pkcs.RSAPublicKey(
                publicKey.getModulus(), publicKey.getPublicExponent()));
    X509Certificate certificate = selfSigned(spki, keys);
    byte[] spkiInCertificate = spki.getEncoded("DER");
    assertThat(certificate.getPublicKey().getEncoded()).isNotEqualTo(spkiInCertificate);

    CliRun run =
        CliRun.of("tlsa", "--cert", pem(List.of(certificate)), "--host", "rsa.example.org");

    assertThat(records(run.out()))
        .as(run.toString())
        .containsExactly(
            "_25._tcp.rsa.example.org. IN TLSA 3 1 1 "
                + HexFormat.of()
                    .withUpperCase()
                    .formatHex(CertificateFiles.sha256(spkiInCertificate)));
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void tlsa_privateKeyFile_reportsNoCertificate() throws IOException {
    Path key = dir.resolve("key.pem");
    Files.writeString(
        key, Pem.encodePrivateKey(chain.leaf().keyPair().getPrivate()), StandardCharsets.US_ASCII);

    CliRun run = CliRun.of("tlsa", "--cert", key.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err())
        .as(run.toString())
        .contains("No CERTIFICATE block found in " + key)
        .contains("PRIVATE KEY block")
        .contains("not the key file");
    assertThat(run.err()).as(run.toString()).doesNotContainPattern("[A-Za-z]+Exception");
  }

  @Test
  void tlsa_certificateAndKeyFile_skipsKey() throws IOException {
    Path combined = dir.resolve("combined.pem");
    Files.writeString(
        combined,
        Pem.encode(chain.chainWithoutRoot())
            + Pem.encodePrivateKey(chain.leaf().keyPair().getPrivate()),
        StandardCharsets.US_ASCII);

    CliRun run = CliRun.of("tlsa", "--cert", combined.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(records(run.out())).hasSize(2);
  }

  @Test
  void tlsa_portAboveRange_namesOptionAndRange() throws IOException {
    CliRun run = CliRun.of("tlsa", "--cert", pem(chain.chainWithoutRoot()), "--port", "99999");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(run.err())
        .as(run.toString())
        .contains("--port")
        .contains("'99999'")
        .contains("from 1 to 65535");
  }

  @SuppressWarnings("JavaUtilDate") // Bouncy Castle's certificate builder takes java.util.Date
  private static X509Certificate selfSigned(SubjectPublicKeyInfo spki, KeyPair keys)
      throws Exception {
    X500Name name = new X500Name("CN=rsa.example.org");
    Instant now = Instant.now();
    byte[] der =
        new X509v3CertificateBuilder(
                name,
                BigInteger.TEN,
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                name,
                spki)
            .build(
                new JcaContentSignerBuilder("SHA256withRSA")
                    .setProvider(new BouncyCastleProvider())
                    .build(keys.getPrivate()))
            .getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
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
