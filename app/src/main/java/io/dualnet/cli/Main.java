package io.dualnet.cli;

import io.dualnet.data.InputLimits;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Entry point of the {@code dualnet} command line.
 *
 * <p>Exit codes: 0 success; 2 bad input (a usage error detected by picocli, or an {@link IllegalArgumentException}
 * such as {@link io.dualnet.data.InvalidInputException} thrown by a command), reported as one line
 * {@code dualnet: error: <message>} on standard error; 1 for an unexpected exception, reported as
 * {@code dualnet: internal error: <message>} (with the stack trace only when the environment variable
 * {@code DUALNET_DEBUG=1}). Commands may return other codes themselves (e.g. 1 when report sections failed). Sizes
 * are checked before they are allocated ({@link InputLimits}); should a computation still outgrow the heap, the
 * {@link OutOfMemoryError} is reported as one {@code dualnet: error: out of memory ...} line with exit code 2.
 */
public final class Main {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for an unexpected (internal) error. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args command-line arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, "1".equals(System.getenv("DUALNET_DEBUG")));
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean debug) {
        try {
            return commandLine(out, err, debug).execute(args);
        } catch (OutOfMemoryError e) {
            // a safety net: sizes are checked before allocating, but a computation may still outgrow the heap
            err.println("dualnet: error: out of memory: this run needs more than the " + InputLimits.bytes(
                    Runtime.getRuntime().maxMemory()) + " Java heap (raise it, e.g. DUALNET_JAVA_OPTS=-Xmx16g, or use "
                    + "smaller inputs or options)");
            return BAD_INPUT;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line (top command, subcommands from {@link Commands}, error handlers). */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean debug) {
        CommandLine cl = new CommandLine(new DualnetCommand(out, err));
        for (DualnetSubcommand command : Commands.all()) {
            cl.addSubcommand(command);
        }
        DecimalOption decimals = new DecimalOption();
        cl.registerConverter(Double.class, decimals);
        cl.registerConverter(Double.TYPE, decimals);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(parameterHandler(err));
        cl.setExecutionExceptionHandler(executionHandler(err, debug));
        return cl;
    }

    private static IParameterExceptionHandler parameterHandler(PrintStream err) {
        return (ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("dualnet: error: " + oneLine(ex));
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return BAD_INPUT;
        };
    }

    private static IExecutionExceptionHandler executionHandler(PrintStream err, boolean debug) {
        return (ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                String message = ex.getMessage() == null || ex.getMessage().isBlank()
                        ? "invalid argument (no details)" : oneLine(ex);
                err.println("dualnet: error: " + message);
                err.flush();
                return BAD_INPUT;
            }
            err.println("dualnet: internal error: " + oneLine(ex));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        };
    }

    /** The exception's message on one line (its class name when there is no message). */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
