package io.github.dane4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of {@code dane-check} through picocli's {@code execute}, with the output and
 * error text captured.
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        DaneCheck.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
