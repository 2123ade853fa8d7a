package io.github.dane4j.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code dane-check} command: DANE (RFC 6698, RFC 7671, RFC 7672) checks of mail domains, mail
 * hosts and certificate chains.
 *
 * <p>Exit codes follow the monitoring-plugin convention: {@value ExitCodes#OK} all good, {@value
 * ExitCodes#WARNING} warning, {@value ExitCodes#CRITICAL} critical, {@value ExitCodes#UNKNOWN}
 * unknown (lookup failures and bad usage). Bad usage prints one line that names the option and the
 * fix, never a stack trace.
 */
@Command(
    name = "dane-check",
    mixinStandardHelpOptions = true,
    versionProvider = DaneCheck.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Checks whether mail servers are authenticated by DANE: TLSA records in DNSSEC-signed DNS"
          + " (RFC 6698, RFC 7671), with the SMTP rules of RFC 7672.",
      ""
    },
    subcommands = {
      DomainCommand.class,
      HostCommand.class,
      ChainCommand.class,
      TlsaCommand.class,
      ScanCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:all good",
      "1:warning: DANE not deployed, insecure MX RRset, an MX host without TLSA records,"
          + " a DANE-TA chain that expires soon, or a single TLSA record (no roll-over slack)",
      "2:critical: a DANE authentication failure, a host with TLSA records but no STARTTLS,"
          + " bogus DNSSEC, or an unreachable server",
      "3:unknown: a DNS lookup failure or bad usage"
    })
public final class DaneCheck implements Runnable {
  @Spec private @Nullable CommandSpec spec;

  private DaneCheck() {}

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int exitCode = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /**
   * Creates the command line with its error handling: bad usage and errors print one line to {@code
   * err} and give exit code {@value ExitCodes#UNKNOWN}.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new DaneCheck());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(DaneCheck::handleParameterException);
    commandLine.setExecutionExceptionHandler(DaneCheck::handleExecutionException);
    commandLine.setExecutionStrategy(DaneCheck::rejectUnmatchedThenRun);
    return commandLine;
  }

  /**
   * Runs the last subcommand, but first rejects unmatched arguments. Picocli records an unknown
   * subcommand such as {@code dane-check frobnicate --help} as unmatched and, because help was
   * requested, prints the usage and exits 0 instead of failing.
   */
  private static int rejectUnmatchedThenRun(ParseResult parseResult) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /** Prints the usage when {@code dane-check} runs without a subcommand. */
  @Override
  public void run() {
    throw new ParameterException(
        Objects.requireNonNull(spec, "spec").commandLine(),
        "Missing subcommand: choose one of domain, host, chain, tlsa, scan or demo");
  }

  private static int handleParameterException(ParameterException exception, String[] args) {
    CommandLine failed = exception.getCommandLine();
    String command = failed.getCommandSpec().qualifiedName();
    String message = firstLine(String.valueOf(exception.getMessage()));
    String unknown = firstUnknownOption(failed.getCommandSpec(), args);
    if (unknown != null && !(exception instanceof UnmatchedArgumentException)) {
      // Picocli reports missing required options before unknown ones, but a misspelt option is
      // often the reason why a required one is missing.
      message = "Unknown option: '" + unknown + "'";
    }
    String unquotedTlsa = unquotedTlsaValue(args);
    if (unquotedTlsa != null) {
      failed
          .getErr()
          .println(
              command
                  + ": "
                  + message
                  + "; the --tlsa value '"
                  + unquotedTlsa
                  + "' is only the first field, so quote the whole record as one argument:"
                  + " --tlsa \"3 1 1 0123...\"");
      return ExitCodes.UNKNOWN;
    }
    if (exception instanceof UnmatchedArgumentException unmatched
        && failed.getParent() == null
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message =
          "Unknown subcommand '"
              + unmatched.getUnmatched().get(0)
              + "': choose one of domain, host, chain, tlsa, scan or demo";
    }
    failed
        .getErr()
        .println(command + ": " + message + " (run '" + command + " --help' for the options)");
    return ExitCodes.UNKNOWN;
  }

  /** Returns the first argument that looks like a long option but that the command lacks. */
  private static @Nullable String firstUnknownOption(CommandSpec command, String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      if (arg.startsWith("--") && arg.length() > 2) {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        if (command.findOption(name) == null && !isNegatedForm(command, name)) {
          return name;
        }
      }
    }
    return null;
  }

  /** Returns whether a name is the --no- form of a negatable option, such as --no-progress. */
  private static boolean isNegatedForm(CommandSpec command, String name) {
    if (!name.startsWith("--no-")) {
      return false;
    }
    CommandLine.Model.OptionSpec positive = command.findOption("--" + name.substring(5));
    return positive != null && positive.negatable();
  }

  /**
   * Returns the value of a --tlsa option that is a single field, as the shell passes {@code
   * --tlsa=3 1 1 A7} without quotes, or null. A TLSA record always has four fields.
   */
  private static @Nullable String unquotedTlsaValue(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String value = null;
      if (args[i].startsWith("--tlsa=")) {
        value = args[i].substring("--tlsa=".length());
      } else if (args[i].equals("--tlsa") && i + 1 < args.length) {
        value = args[i + 1];
      }
      if (value != null && !value.isBlank() && value.strip().split("\\s+").length == 1) {
        return value;
      }
    }
    return null;
  }

  private static int handleExecutionException(
      Exception exception, CommandLine failed, ParseResult parseResult) {
    String command = failed.getCommandSpec().qualifiedName();
    if (exception instanceof UsageException usage) {
      failed
          .getErr()
          .println(command + ": " + UserText.clean(firstLine(String.valueOf(usage.getMessage()))));
    } else {
      // An unexpected error: its message, not its class name, because users act on the text.
      failed.getErr().println(command + ": failed: " + firstLine(UserText.describe(exception)));
    }
    return ExitCodes.UNKNOWN;
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  /** Reports the version from the jar manifest, or "development build" outside a jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = DaneCheck.class.getPackage().getImplementationVersion();
      return new String[] {"dane-check " + (version == null ? "(development build)" : version)};
    }
  }
}
