package io.github.dane4j.examples.cli;

import java.io.PrintWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Gives subcommands the output writers of the command line they run in. */
abstract class CliCommand {
  @Spec private @Nullable CommandSpec spec;

  /** Returns the writer for results. */
  final PrintWriter out() {
    return spec().commandLine().getOut();
  }

  /** Returns the writer for progress and diagnostics. */
  final PrintWriter err() {
    return spec().commandLine().getErr();
  }

  /** Returns the model of this subcommand; picocli injects it before the command runs. */
  final CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli did not inject the command spec");
  }
}
