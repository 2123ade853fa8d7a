package io.github.dane4j.examples.cli;

import io.github.dane4j.core.DaneVerifier;
import io.github.dane4j.core.TlsaRecord;
import io.github.dane4j.core.VerificationResult;
import io.github.dane4j.core.internal.CertificateSelectors;
import java.io.PrintWriter;
import java.net.IDN;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dane-check tlsa}: prints the TLSA records for a certificate or chain in zone-file form. By
 * default these are the two records that RFC 7672 section 3.1 recommends: {@code 3 1 1} for the
 * leaf's key and {@code 2 0 1} for the issuer certificate.
 */
@Command(
    name = "tlsa",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints TLSA records for a certificate or chain in zone-file form, ready to paste. By"
          + " default: 3 1 1 for the leaf's key and 2 0 1 for its issuer (RFC 7672 section 3.1).",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:records printed, and each one authenticates the chain",
      "1:records printed, but a record does not authenticate the chain (see the warning lines)",
      "3:bad usage"
    })
final class TlsaCommand extends CliCommand implements Callable<Integer> {
  @Option(
      names = "--cert",
      required = true,
      paramLabel = "FILE",
      description =
          "PEM file with a certificate or a chain, leaf first (the issuer second gives 2 0 1).")
  private @Nullable Path certFile;

  @Option(
      names = "--usage",
      paramLabel = "0-3",
      description =
          "Print one record with this certificate usage: 3 DANE-EE (leaf), 2 DANE-TA (issuer),"
              + " 1 PKIX-EE, 0 PKIX-TA (the SMTP profile ignores 1 and 0). Default when"
              + " --selector or --mtype is given: 3.")
  private @Nullable Integer usage;

  @Option(
      names = "--selector",
      paramLabel = "0-1",
      description =
          "0 the whole certificate, 1 its public key (SPKI). Default: 0 for usages 0 and 2, 1"
              + " otherwise.")
  private @Nullable Integer selector;

  @Option(
      names = "--mtype",
      paramLabel = "0-2",
      description = "Matching type: 0 full data, 1 SHA2-256, 2 SHA2-512. Default: 1.")
  private @Nullable Integer matchingType;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description =
          "The MX host name for the owner name _PORT._tcp.NAME. Default: the leaf's first DNS"
              + " name.")
  private @Nullable String host;

  @Option(
      names = "--port",
      converter = Converters.PortConverter.class,
      paramLabel = "PORT",
      description = "The port in the owner name. Default: ${DEFAULT-VALUE} (SMTP).")
  private int port = 25;

  /** A comment about how the owner name was chosen, printed before the records, or null. */
  private @Nullable String ownerNote;

  @Override
  public Integer call() {
    Path file = Objects.requireNonNull(certFile);
    List<X509Certificate> chain = CertificateFiles.read(file, "--cert");
    checkLeafFirst(chain, file);
    String owner = "_" + port + "._tcp." + ownerHost(chain.get(0), file) + ".";
    PrintWriter out = out();

    List<Planned> planned = plan(chain, file);
    boolean allAuthenticate = true;
    out.println(
        "; TLSA records for "
            + file
            + " ("
            + chain.size()
            + (chain.size() == 1 ? " certificate)" : " certificates)"));
    if (ownerNote != null) {
      out.println("; " + ownerNote);
    }
    for (Planned record : planned) {
      for (String comment : record.comments()) {
        out.println("; " + comment);
      }
      out.println(owner + " IN TLSA " + record.record().toPresentation());
      if (warnIfUnusableForSmtp(record.record())) {
        allAuthenticate = false;
      }
      String problem = selfCheck(chain, record.record(), owner);
      if (problem != null) {
        allAuthenticate = false;
        out.println("; warning: " + problem);
      }
    }
    return allAuthenticate ? ExitCodes.OK : ExitCodes.WARNING;
  }

  private List<Planned> plan(List<X509Certificate> chain, Path file) {
    if (usage == null && selector == null && matchingType == null) {
      List<String> leafComments = new ArrayList<>();
      leafComments.add(
          "DANE-EE(3) SPKI(1) SHA2-256(1): the leaf's public key; it stays valid when the"
              + " certificate is renewed with the same key (RFC 7672 section 3.1.1)");
      if (chain.size() < 2) {
        leafComments.add(
            "no 2 0 1 record: "
                + file
                + " holds only the leaf; add the issuer certificate after it to get one");
        return List.of(new Planned(record(3, 1, 1, chain.get(0)), leafComments));
      }
      return List.of(
          new Planned(record(3, 1, 1, chain.get(0)), leafComments),
          new Planned(
              record(2, 0, 1, chain.get(1)),
              List.of(
                  "DANE-TA(2) Cert(0) SHA2-256(1): the issuer "
                      + chain.get(1).getSubjectX500Principal().getName()
                      + "; the server must send it in its chain (RFC 7672 section 3.1.2)")));
    }

    int chosenUsage = usage != null ? usage : 3;
    if (chosenUsage < 0 || chosenUsage > 3) {
      throw new UsageException(
          "Invalid --usage " + chosenUsage + ": give 3 (DANE-EE), 2 (DANE-TA), 1 or 0");
    }
    boolean trustAnchorUsage = chosenUsage == 0 || chosenUsage == 2;
    int chosenSelector = selector != null ? selector : trustAnchorUsage ? 0 : 1;
    if (chosenSelector < 0 || chosenSelector > 1) {
      throw new UsageException(
          "Invalid --selector " + chosenSelector + ": give 0 (certificate) or 1 (public key)");
    }
    int chosenMatchingType = matchingType != null ? matchingType : 1;
    if (chosenMatchingType < 0 || chosenMatchingType > 2) {
      throw new UsageException(
          "Invalid --mtype "
              + chosenMatchingType
              + ": give 0 (full), 1 (SHA2-256) or 2 (SHA2-512)");
    }
    X509Certificate subject = chain.get(0);
    List<String> comments = new ArrayList<>();
    if (trustAnchorUsage) {
      if (chain.size() >= 2) {
        subject = chain.get(1);
      } else {
        comments.add(
            file + " holds one certificate, so it is taken as the trust anchor certificate itself");
      }
      comments.add("trust anchor: " + subject.getSubjectX500Principal().getName());
    } else {
      comments.add("leaf: " + subject.getSubjectX500Principal().getName());
    }
    return List.of(
        new Planned(record(chosenUsage, chosenSelector, chosenMatchingType, subject), comments));
  }

  /**
   * Rejects a file whose first certificate is not the server's certificate, because the records for
   * "the leaf" and "its issuer" come from the first and second certificate. A CA certificate first,
   * a copy of the first certificate second, or a second certificate that did not issue the first
   * would otherwise print a {@code 3 1 1} record for a CA's key or a {@code 2 0 1} record for the
   * wrong certificate. A lone CA certificate is accepted with {@code --usage 0} or {@code --usage
   * 2}, which make it the trust anchor.
   *
   * @throws UsageException naming the file, the misplaced certificate and the fix
   */
  private void checkLeafFirst(List<X509Certificate> chain, Path file) {
    X509Certificate first = chain.get(0);
    boolean trustAnchorOnly = chain.size() == 1 && (usage != null && (usage == 0 || usage == 2));
    if (isCa(first) && !trustAnchorOnly) {
      String fix =
          chain.size() == 1
              ? "give the server's own certificate, or add --usage 2 to print a DANE-TA record"
                  + " for this CA"
              : leafName(chain)
                  .map(name -> "put the server's certificate (" + name + ") first, then its issuer")
                  .orElse("put the server's certificate first, then its issuer");
      throw new UsageException(
          "The first certificate in "
              + file
              + " ("
              + first.getSubjectX500Principal().getName()
              + ") is a CA certificate (basicConstraints cA is true), not the server's"
              + " certificate; "
              + fix);
    }
    if (chain.size() < 2) {
      return;
    }
    X509Certificate second = chain.get(1);
    if (second.equals(first)) {
      throw new UsageException(
          "Certificate 2 in "
              + file
              + " is a copy of certificate 1 ("
              + first.getSubjectX500Principal().getName()
              + "); remove the copy so that the issuer follows the server's certificate");
    }
    if (!first.getIssuerX500Principal().equals(second.getSubjectX500Principal())) {
      throw new UsageException(
          "Certificate 2 in "
              + file
              + " ("
              + second.getSubjectX500Principal().getName()
              + ") did not issue certificate 1, whose issuer is "
              + first.getIssuerX500Principal().getName()
              + "; put the server's certificate first and its issuer second");
    }
  }

  private static boolean isCa(X509Certificate certificate) {
    return certificate.getBasicConstraints() >= 0;
  }

  /** Returns the subject of the only end-entity certificate in the chain, if there is one. */
  private static Optional<String> leafName(List<X509Certificate> chain) {
    List<X509Certificate> endEntities = chain.stream().filter(c -> !isCa(c)).toList();
    return endEntities.size() == 1
        ? Optional.of(endEntities.get(0).getSubjectX500Principal().getName())
        : Optional.empty();
  }

  /**
   * Warns on stderr that a PKIX-TA(0) or PKIX-EE(1) record does not work for SMTP. The record still
   * goes to stdout, because other protocols, such as HTTPS, can use it. Returns whether it warned,
   * which makes the exit code {@value ExitCodes#WARNING}.
   */
  private boolean warnIfUnusableForSmtp(TlsaRecord record) {
    if (record.usage() != 0 && record.usage() != 1) {
      return false;
    }
    String name = record.usage() == 0 ? "PKIX-TA(0)" : "PKIX-EE(1)";
    err()
        .println(
            spec().qualifiedName()
                + ": warning: RFC 7672 section 3.1.3 lets SMTP clients treat "
                + name
                + " records as unusable, and dane4j does, so this record does not authenticate a"
                + " mail server; publish 3 1 1 or 2 0 1 records for SMTP");
    return true;
  }

  /**
   * Computes a record for one certificate. SPKI(1) data comes from the SubjectPublicKeyInfo bytes
   * in the certificate, cut out by the same dane-core helper the verifier uses, because the JDK's
   * {@code getPublicKey().getEncoded()} may re-encode the key differently.
   */
  private static TlsaRecord record(
      int usage, int selector, int matchingType, X509Certificate certificate) {
    byte[] content;
    try {
      content =
          selector == 0
              ? certificate.getEncoded()
              : CertificateSelectors.subjectPublicKeyInfo(certificate)
                  .orElseThrow(() -> malformedSpki(certificate));
    } catch (CertificateEncodingException e) {
      throw new UsageException(
          "Cannot encode certificate "
              + certificate.getSubjectX500Principal().getName()
              + ": "
              + e.getMessage(),
          e);
    }
    byte[] data =
        switch (matchingType) {
          case 1 -> CertificateFiles.sha256(content);
          case 2 -> CertificateFiles.sha512(content);
          default -> content;
        };
    return TlsaRecord.of(usage, selector, matchingType, data);
  }

  private static UsageException malformedSpki(X509Certificate certificate) {
    return new UsageException(
        "The certificate "
            + certificate.getSubjectX500Principal().getName()
            + " has a SubjectPublicKeyInfo that is not well-formed DER, so no SPKI(1) record can"
            + " match it; use --selector 0");
  }

  /**
   * Verifies the chain against one record with the SMTP profile, so that a record which would not
   * authenticate the chain gets a warning. Returns the problem, or null when it authenticates. PKIX
   * usages and a lone CA certificate, which is the trust anchor itself, are not checked.
   */
  private @Nullable String selfCheck(List<X509Certificate> chain, TlsaRecord record, String owner) {
    boolean daneUsage = record.usage() == 2 || record.usage() == 3;
    if (!daneUsage) {
      return null;
    }
    if (record.usage() == 2 && chain.size() < 2) {
      if (isCa(chain.get(0))) {
        return null;
      }
      // Clients match DANE-TA(2) records only against certificates at depth 1 or more, the
      // issuers that the server sends after its own certificate (RFC 7672 section 3.1.2).
      return "this DANE-TA(2) record matches the server's own certificate, but a DANE-TA record"
          + " must match an issuer certificate at depth 1 or more, so it does not authenticate"
          + " the server (RFC 7672 section 3.1.2); add the issuer after the server's certificate in"
          + " the file, or print a 3 1 1 record";
    }
    String baseDomain = owner.substring(owner.indexOf("._tcp.") + "._tcp.".length());
    VerificationResult result =
        DaneVerifier.builder().build().verify(chain, List.of(record), List.of(baseDomain));
    if (result.authenticated()) {
      return null;
    }
    String unverifiable = CertificateFiles.unverifiableSignature(chain);
    if (unverifiable != null) {
      return "this record does not authenticate the chain for " + baseDomain + ": " + unverifiable;
    }
    return "this record does not authenticate the chain for "
        + baseDomain
        + ": "
        + result.failure().map(reason -> reason.reasonCode()).orElse("not authenticated")
        + "; run 'dane-check chain' with it for details";
  }

  private String ownerHost(X509Certificate leaf, Path file) {
    String given = host;
    if (given != null) {
      return toAsciiHost(given, "--host");
    }
    for (String name : CertificateFiles.dnsNames(leaf)) {
      if (!name.startsWith("*")) {
        return toAsciiHost(name, "the certificate's DNS name");
      }
    }
    String commonName = commonName(leaf);
    if (CertificateFiles.dnsNames(leaf).isEmpty() && commonName != null) {
      String ascii = toAsciiHost(commonName, "the certificate's subject CN");
      ownerNote =
          "owner name from the subject CN "
              + commonName
              + ": the certificate has no DNS name, and RFC 7672 section 3.2.3 lets clients match"
              + " the CN then; give --host to choose another name";
      return ascii;
    }
    throw new UsageException(
        "The leaf certificate in "
            + file
            + " names no host that can be the TLSA owner (DNS names: "
            + CertificateFiles.dnsNames(leaf)
            + "); give the MX host name with --host");
  }

  /** Returns the last CN attribute of the subject, or null if it has none. */
  private static @Nullable String commonName(X509Certificate certificate) {
    String found = null;
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String value) {
          found = value;
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return found == null || found.isBlank() || found.startsWith("*") ? null : found;
  }

  /**
   * Converts a host name to lower-case A-labels (RFC 5891), without a trailing dot.
   *
   * @param source what gave the name, such as an option, for the error message
   * @throws UsageException if the name is not a valid host name
   */
  static String toAsciiHost(String name, String source) {
    String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    try {
      String ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
        throw new IllegalArgumentException("empty label");
      }
      return ascii;
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "Invalid host name '" + name + "' from " + source + "; give a name like mx.example.org",
          e);
    }
  }

  /** A record to print with the comment lines before it. */
  private record Planned(TlsaRecord record, List<String> comments) {
    Planned {
      comments = List.copyOf(comments);
    }
  }
}
