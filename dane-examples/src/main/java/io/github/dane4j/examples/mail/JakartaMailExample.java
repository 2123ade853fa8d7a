package io.github.dane4j.examples.mail;

import io.github.dane4j.smtp.DaneSmtpVerifier;
import io.github.dane4j.smtp.HostPolicy;
import io.github.dane4j.smtp.TlsPolicy;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Properties;

/**
 * Sends a message with Jakarta Mail (Angus Mail) to one MX host of a domain, over a STARTTLS
 * connection whose certificate check is DANE's.
 *
 * <pre>{@code
 * try (DaneSmtpVerifier verifier = DaneSmtp.verifier().build()) {
 *   InetAddress used = JakartaMailExample.send(
 *       verifier, "example.org", "mx.example.org",
 *       "sender@example.net", "user@example.org", "Hello", "Sent over DANE-authenticated TLS.");
 * }
 * }</pre>
 *
 * <p>The steps: {@link DaneSmtpVerifier#hostPolicy} decides the RFC 7672 policy of the MX host from
 * DNSSEC-validated DNS; the session connects to the validated addresses only (never to the host
 * name, which the system resolver would resolve again without DNSSEC); STARTTLS is required
 * whenever the policy requires TLS; and {@link HostPolicy#sslSocketFactory()} performs the upgrade,
 * so the handshake fails unless the certificate chain matches the TLSA records. Angus Mail's own
 * host name check is off, because RFC 7672 section 3.2 defines the name checks, which the DANE
 * trust manager applies.
 */
public final class JakartaMailExample {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private JakartaMailExample() {}

  /**
   * Sends one text message through {@code mxHost}, trying its addresses in order.
   *
   * @return the address that accepted the message
   * @throws MessagingException if the policy marks the host unreachable (a DNS lookup failed), or
   *     every address failed; the last failure is the cause
   */
  public static InetAddress send(
      DaneSmtpVerifier verifier,
      String domain,
      String mxHost,
      String from,
      String to,
      String subject,
      String text)
      throws MessagingException {
    HostPolicy policy = verifier.hostPolicy(mxHost, domain);
    if (policy.tlsPolicy() == TlsPolicy.UNREACHABLE) {
      throw new MessagingException(
          "MX host " + mxHost + " must not be used: " + policy.reason() + "; try the next MX host");
    }
    MessagingException last = new MessagingException("MX host " + mxHost + " has no address");
    for (InetAddress address : policy.addresses()) {
      Session session = session(policy, address);
      try {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        Transport.send(message);
        return address;
      } catch (MessagingException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * Returns a Jakarta Mail session that connects to {@code address} on the policy's port and
   * upgrades with the policy's socket factory.
   */
  public static Session session(HostPolicy policy, InetAddress address) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", address.getHostAddress());
    properties.put("mail.smtp.port", Integer.toString(policy.port()));
    properties.put("mail.smtp.starttls.enable", "true");
    // RFC 7672 section 2.2: with secure TLSA records, never fall back to cleartext.
    properties.put(
        "mail.smtp.starttls.required", Boolean.toString(policy.tlsPolicy().tlsRequired()));
    properties.put("mail.smtp.ssl.socketFactory", policy.sslSocketFactory());
    properties.put("mail.smtp.ssl.checkserveridentity", "false");
    properties.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    properties.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    properties.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
    return Session.getInstance(properties);
  }
}
