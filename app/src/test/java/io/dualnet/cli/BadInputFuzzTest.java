package io.dualnet.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input contract of the command line, fuzzed: for every leaf subcommand (found in picocli's model of
 * {@link Main#commandLine}, so a new subcommand is enumerated automatically and fails {@link #everyCommandHasCases}
 * until it gets a cheap base invocation in {@link #BASES}), a table of malformed invocations must each give exit
 * code 2, exactly one {@code dualnet: error:} line (picocli's {@code Try ... --help} may follow), no stack trace, no
 * Java class name, and leave no file in or beside the output location (the whole working directory is compared
 * before and after).
 *
 * <p>Generic cases, generated from each command's options: an unknown flag; for every numeric option a non-number,
 * and NaN, infinity, 1e308 and 1e-320 (decimal options) or -1 and an overflowing integer (integer options other than seeds); for every
 * file option a missing file, a directory, an empty file and an empty .npy; for every {@code --out} an existing
 * file, a path under a file and a path in {@code /proc}. Specific cases: malformed CSV/.npy/LIBSVM contents (NaN,
 * Inf, ragged, empty, header-only, non-numeric, not UTF-8, truncated and corrupt .npy, unsupported dtypes, huge
 * declared shapes and indices, huge finite values, mismatched shapes), contradictory and missing data sources, bad
 * enum values, output names taken by directories, and sizes given on the command line beyond memory or reason
 * ({@code --depth}, {@code --widths}, {@code --samples}, {@code --patterns}, {@code --I}, {@code --threads}).
 * Cases run in-process (cheap bases keep each under a second); {@link #realProcess} runs a few as a JVM with a
 * small heap, where exit codes and memory are real. Seeded (the random values of the generated files).
 */
class BadInputFuzzTest {

    /** A Java package-qualified name, an exception or error class name, or a stack frame. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(java|javax|io\\.dualnet|org|com|sun)\\.[a-z]+\\."
            + "|[A-Z][A-Za-z]*(Exception|Error)\\b|\\tat |\\bat [a-z]+\\.");

    /** Cheap valid base invocations of every leaf command; {@code OUT} is replaced by a fresh output path. */
    static final Map<String, List<String>> BASES = new LinkedHashMap<>();
    /** The same with data files ({@code X}, {@code Y}, ... are replaced by valid input files). */
    static final Map<String, List<String>> FILE_BASES = new LinkedHashMap<>();

    static {
        base("deep-linear", "--generate eye2 --out OUT", "--x XI --y Y2 --out OUT");
        base("linear min-norm", "--generate eye2", "--x XI --y Y2");
        base("linear staircase", "--generate eye2", "--x XI --y Y2");
        base("linear two-layer", "--generate eye2 --beta 0.5", "--x XI --y Y2 --beta 0.5");
        base("linear weight-decay", "--generate eye2 --beta 0.5", "--x XI --y Y2 --beta 0.5");
        base("multibranch gap", "--n 4 --I 1 --resolution 2 --no-delta --threads 1",
                "--x X1 --y YL --I 1 --resolution 2 --no-delta --threads 1");
        base("multibranch train", "--n 4 --I 1 --epochs 1 --restarts 1 --threads 1",
                "--x X1 --y YL --I 1 --epochs 1 --restarts 1 --threads 1");
        base("multibranch shapley-folkman", "--samples 0 --copies 1 --max-copies 2 --resolution 8 --out OUT", null);
        base("relu2 fit", "--generate teacher --samples 6 --dim 2 --beta 0.5 --quiet --out OUT",
                "--x X --y YL --beta 0.5 --quiet --out OUT");
        base("relu2 certify", "--generate teacher --samples 6 --dim 2 --beta 0.5 --first-layer U --second-layer A",
                "--x X --y YL --beta 0.5 --first-layer U --second-layer A");
        base("relu2 path", "--generate teacher --samples 6 --dim 2 --betas 0.5 --quiet",
                "--x X --y YL --betas 0.5 --quiet");
        base("relu2 predict", "--model @model --x X --y YL", "--model @model --x X --y YL --out OUT.csv");
        base("landscape plane", "--x X --y YL --hidden 2 --anchors ANCHORS --grid 3 --threads 1 --out OUT",
                "--x X --y YL --hidden 2 --anchors ANCHORS --grid 3 --threads 1 --json");
        base("landscape bench", "--n 20 --d 2 --hidden 3 --grid 3 --naive-points 2 --threads 1", null);
        base("relu-deep rank-one", "--generate wang-thm5 --out OUT", "--x X1 --y X1 --depth 3 --out OUT");
        base("relu-deep parallel", "--generate tiny --rounds 1 --starts 1 --steps 5 --out OUT",
                "--x X --y YL --rounds 1 --starts 1 --steps 5");
        base("relu-deep spline", "--generate fig1 --points 4 --epochs 5 --restarts 1 --threads 1 --quiet --out OUT",
                "--x X1 --y YL --epochs 5 --restarts 1 --threads 1 --quiet");
        base("relu-deep whitened", "--generate gaussian --n 4 --d 6 --classes 2 --out OUT",
                "--x XI --y XI --depth 3 --out OUT");
        base("repro zhang-table1", "--widths 2 --seeds 1 --iterations 10 --batch 10 --samples 20 --dimension 2 --teacher 2 "
                + "--threads 1 -q --out OUT", null);
        base("repro zhang-vgg", "--branches 1 --width 1 --epochs 1 --samples 8 --test-samples 8 --batch-size 4 "
                + "--threads 1 -q --out OUT", null);
        base("repro", "wang-linear --quick -q --threads 1 --out OUT", null);
        base("report", "--only environment --quick -q --threads 1 --out OUT", null);
    }

    /** Options whose negative values are meaningful (seeds). */
    private static final Set<String> NEGATIVE_OK = Set.of("--seed", "--data-seed");

    private static Path root;
    private static Path inputs;
    private static final Map<String, Path> FILES = new LinkedHashMap<>();

    private static void base(String command, String args, String fileArgs) {
        BASES.put(command, List.of(args.split(" ")));
        if (fileArgs != null) {
            FILE_BASES.put(command, List.of(fileArgs.split(" ")));
        }
    }

    @BeforeAll
    static void writeInputs() throws IOException {
        root = Files.createTempDirectory("dualnet-fuzz");
        inputs = Files.createDirectory(root.resolve("inputs"));
        Random random = new Random(12);
        double[][] x = new double[6][2];
        double[][] x1 = new double[6][1];
        double[][] yl = new double[6][1];
        for (int i = 0; i < 6; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            x1[i][0] = -1 + 0.4 * i;
            yl[i][0] = i % 2 == 0 ? -1 : 1;
        }
        csv("X", x);
        csv("X1", x1);
        csv("YL", yl);
        csv("XI", new double[][] {{1, 0}, {0, 1}});
        csv("Y2", new double[][] {{1, 2}, {3, 4}});
        csv("Y3", new double[][] {{1}, {-1}, {1}});
        csv("Z2", new double[][] {{0}, {0}});
        csv("P1", new double[][] {{1}});
        csv("XDUP", new double[][] {{0}, {0}, {1}, {2}, {3}, {4}});
        csv("U", new double[][] {{0.5, -0.2}, {0.1, 0.3}});
        csv("A", new double[][] {{1}, {-1}});
        text("dir", null);
        Files.createDirectory(inputs.resolve("dir.csv"));
        text("empty.csv", "");
        text("header.csv", "a,b\n");
        text("nan.csv", "1,2\nnan,3\n1,1\n4,5\n1,2\n0,1\n");
        text("inf.csv", "1,2\n3,Infinity\n1,1\n4,5\n1,2\n0,1\n");
        text("overflow.csv", "1,2\n3,1e999\n1,1\n4,5\n1,2\n0,1\n");
        text("huge.csv", "1,2\n3,1e308\n1,1\n4,5\n1,2\n-1.7e308,1\n");
        text("ragged.csv", "1,2\n3\n1,1\n4,5\n1,2\n0,1\n");
        text("word.csv", "1,2\n3,abc\n1,1\n4,5\n1,2\n0,1\n");
        text("binary.csv", "\u0000\u0001\u0002,\u00ff\n");
        text("rows3.csv", "1,2\n3,4\n5,6\n");
        text("noext.dat", "1,2\n");
        npy("ok.npy", "<f8", "(6, 2)", doubles(12, 0.5));
        npy("nan.npy", "<f8", "(6, 2)", doubles(12, Double.NaN));
        npy("inf.npy", "<f8", "(6, 2)", doubles(12, Double.NEGATIVE_INFINITY));
        npy("huge.npy", "<f8", "(6, 2)", doubles(12, 1e308));
        npy("shape.npy", "<f8", "(40000, 40000)", doubles(8, 1));
        npy("shape1d.npy", "<f8", "(2000000000,)", doubles(8, 1));
        npy("shape3d.npy", "<f8", "(2, 3, 2)", doubles(12, 1));
        npy("truncated.npy", "<f8", "(6, 2)", doubles(5, 1));
        npy("complex.npy", "<c16", "(6, 2)", doubles(24, 1));
        npy("object.npy", "|O", "(6, 2)", doubles(12, 1));
        npy("empty.npy", "<f8", "(0, 2)", new byte[0]);
        npy("negative.npy", "<f8", "(-6, 2)", doubles(12, 1));
        text("magic.npy", "NUMPY not really\n");
        Files.write(inputs.resolve("header.npy"), Arrays.copyOf(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                (byte) 0xff, (byte) 0x7f}, 20));
        text("index.libsvm", "1 1500000000:1\n-1 1:2\n");
        text("index1.libsvm", "1 1500000000:1\n");
        text("hugeval.libsvm", "1 1:1e308\n-1 2:1\n");
        text("token.libsvm", "1 1:1 abc\n-1 2:1\n");
        text("order.libsvm", "1 2:1 1:1\n-1 2:1\n");
        text("nanlabel.libsvm", "nan 1:1\n-1 2:1\n");
        text("comment.libsvm", "# nothing\n");
        // three anchors of a width-2 network on 2 inputs (H*d + H = 6 entries), distinct and not collinear
        anchor("ancA", 0.5, -0.3, 0.2, 0.8, 1.0, -1.0);
        anchor("ancB", -0.4, 0.6, 0.1, -0.2, 0.7, 0.9);
        anchor("ancC", 0.3, 0.3, -0.6, 0.4, -0.8, 0.5);
        // a model folder as `relu2 fit --out` writes it, for `relu2 predict`
        CliHarness fit = new CliHarness();
        assertThat(fit.run("relu2", "fit", "--x", FILES.get("X").toString(), "--y", FILES.get("YL").toString(),
                "--beta", "0.5", "--quiet", "--out", inputs.resolve("model").toString())).as(fit.err())
                .isEqualTo(Main.OK);
        FILES.put("model", inputs.resolve("model"));
    }

    private static void anchor(String name, double... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        npy(name + ".npy", "<f8", "(" + values.length + ",)", b.array());
        FILES.put(name, inputs.resolve(name + ".npy"));
    }

    @AfterAll
    static void deleteInputs() throws IOException {
        deleteTree(root);
    }

    /** Every leaf command of the CLI, by qualified name without {@code dualnet}. */
    static List<String> leafCommands() {
        List<String> leaves = new ArrayList<>();
        collect(Main.commandLine(nullStream(), nullStream(), false), leaves);
        return leaves;
    }

    private static void collect(CommandLine cl, List<String> leaves) {
        // a leaf, or a command with subcommands that also runs on its own arguments (repro ID)
        if (cl.getSubcommands().isEmpty() || !cl.getCommandSpec().positionalParameters().isEmpty()) {
            leaves.add(cl.getCommandSpec().qualifiedName().replaceFirst("^dualnet ", ""));
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
            collect(sub, leaves);
        }
    }

    @Test
    void everyCommandHasCases() {
        List<String> leaves = leafCommands();
        assertThat(leaves).as("leaf subcommands without a base invocation in BadInputFuzzTest.BASES")
                .allMatch(BASES::containsKey);
        assertThat(BASES.keySet()).as("BASES entries that are no command").allMatch(leaves::contains);
    }

    /**
     * A few cases as a real JVM with a 64 MB heap: the exit code is the process's, and a declared size beyond the
     * heap must be refused before it is allocated (an in-process run has the test JVM's larger heap). The
     * {@code ./dualnet} launcher is not run here: it would rebuild the application from inside the build.
     */
    @Test
    void realProcess() throws Exception {
        Files.writeString(inputs.resolve("wide.libsvm"), "1 20000000:1\n");
        Path work = Files.createTempDirectory(root, "process");
        Files.writeString(work.resolve("FILE"), "x\n");
        Set<String> before = tree(root);
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("relu2", "fit", "--libsvm", inputs.resolve("wide.libsvm").toString(), "--beta", "1",
                "--quiet"), "of free Java heap");
        cases.put(List.of("deep-linear", "--x", inputs.resolve("shape.npy").toString(), "--y",
                FILES.get("Y2").toString()), "truncated data");
        cases.put(List.of("deep-linear", "--generate", "eye2", "--out", work.resolve("FILE").toString()), "--out");
        cases.put(List.of("multibranch", "shapley-folkman", "--out", "/proc/dualnet-fuzz/out"), "--out");
        cases.put(List.of("linear", "two-layer", "--x", inputs.resolve("huge.csv").toString(), "--y",
                inputs.resolve("huge.csv").toString(), "--beta", "1"), "magnitude at most");
        cases.put(List.of("report", "--threads", "abc"), "--threads");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(c.getKey());
            Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            String shown = c.getKey() + "\n" + output;
            assertThat(code).as(shown).isEqualTo(Main.BAD_INPUT);
            List<String> lines = output.lines().toList();
            assertThat(lines.get(0)).as(shown).startsWith("dualnet: error: ").contains(c.getValue());
            assertThat(lines.subList(1, lines.size())).as(shown).allMatch(l -> l.startsWith("Try 'dualnet"));
            assertThat(JAVA_NAME.matcher(output).find()).as(shown).isFalse();
        }
        assertThat(tree(root)).isEqualTo(before);
    }

    /**
     * The base invocations succeed, so every case fails only for the malformation it adds (repro is left out: its
     * cheapest experiment takes seconds, and its cases are rejected while parsing or before the run).
     */
    @Test
    void basesAreValid() throws IOException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        BASES.forEach((k, v) -> all.put(k, v));
        FILE_BASES.forEach((k, v) -> all.put(k + " (files)", v));
        for (Map.Entry<String, List<String>> e : all.entrySet()) {
            String command = e.getKey().replace(" (files)", "");
            // repro's cheapest experiment takes seconds; zhang-vgg runs only where the optional vgg module is built
            if ("repro".equals(command) || "repro zhang-vgg".equals(command)) {
                continue;
            }
            Path work = Files.createTempDirectory(root, "base");
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            for (String a : e.getValue()) {
                args.add(resolve(a, work));
            }
            CliHarness cli = new CliHarness();
            assertThat(cli.run(args.toArray(String[]::new))).as(args + "\n" + cli.err()).isEqualTo(Main.OK);
            deleteTree(work);
        }
    }

    /**
     * A malformed invocation: the command, what it exercises, its arguments (with placeholders) and the flag the
     * message must name ({@code null} when picocli or the command's own words are checked only for form). Naming the
     * flag under test keeps the case from passing on another, accidental error of the base invocation.
     */
    record Case(String command, String what, List<String> args, String flag) {
        Case(String command, String what, List<String> args) {
            this(command, what, args, flagOf(what));
        }

        private static String flagOf(String what) {
            return what.startsWith("--") ? what.split(" ")[0] : null;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String command : leafCommands()) {
            List<String> base = BASES.get(command);
            if (base == null) {
                continue;
            }
            cases.add(new Case(command, "unknown flag", with(base, "--no-such-flag", "1"), "--no-such-flag"));
            for (OptionSpec o : options(command)) {
                String name = o.longestName();
                Class<?> type = elementType(o);
                List<String> b = FILE_BASES.containsKey(command) && FILE_BASES.get(command).contains(name)
                        ? FILE_BASES.get(command) : "--libsvm".equals(name) ? dataless(base) : base;
                if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                        || type == double.class || type == Double.class) {
                    cases.add(new Case(command, name + " not a number", set(base, name, "abc")));
                }
                if (type == double.class || type == Double.class) {
                    cases.add(new Case(command, name + " NaN", set(base, name, "NaN")));
                    cases.add(new Case(command, name + " infinite", set(base, name, "-Infinity")));
                    cases.add(new Case(command, name + " huge", set(base, name, "1e308")));
                    cases.add(new Case(command, name + " tiny", set(base, name, "1e-320")));
                }
                if ((type == int.class || type == Integer.class) && !NEGATIVE_OK.contains(name)) {
                    cases.add(new Case(command, name + " negative", set(base, name, "-1")));
                    cases.add(new Case(command, name + " overflow", set(base, name, "99999999999")));
                }
                if ("--threads".equals(name)) {
                    cases.add(new Case(command, "--threads beyond the limit", set(base, name, "100000")));
                }
                if (type == Path.class && !"--out".equals(name)) {
                    cases.add(new Case(command, name + " missing file", set(b, name, "@missing.csv")));
                    cases.add(new Case(command, name + " directory", set(b, name, "@dir.csv")));
                    cases.add(new Case(command, name + " empty file", set(b, name, "@empty.csv")));
                    cases.add(new Case(command, name + " empty .npy", set(b, name, "@empty.npy")));
                }
                if ("--out".equals(name)) {
                    cases.add(new Case(command, "--out is a file", set(base, name, "FILE")));
                    cases.add(new Case(command, "--out under a file", set(base, name, "FILE/sub")));
                    cases.add(new Case(command, "--out in /proc", set(base, name, "/proc/dualnet-fuzz/out")));
                }
            }
            List<String> fb = FILE_BASES.get(command);
            if (fb != null) {
                for (String file : List.of("nan.csv", "inf.csv", "overflow.csv", "huge.csv", "ragged.csv", "word.csv",
                        "binary.csv", "header.csv", "rows3.csv", "noext.dat", "nan.npy", "inf.npy", "huge.npy",
                        "shape.npy", "shape1d.npy", "shape3d.npy", "truncated.npy", "complex.npy", "object.npy",
                        "negative.npy", "magic.npy", "header.npy")) {
                    cases.add(new Case(command, "--x " + file, set(fb, "--x", "@" + file)));
                    cases.add(new Case(command, "--y " + file, set(fb, "--y", "@" + file)));
                }
            }
            // the data-source rule: only for commands that offer files or --generate (where --x/--y are required
            // options, or --y is optional as in predict, picocli's own checks or a valid run answer instead)
            if (fb != null && hasOption(command, "--generate")) {
                cases.add(new Case(command, "--x without --y", without(fb, "--y")));
                cases.add(new Case(command, "--y without --x", without(fb, "--x")));
                cases.add(new Case(command, "files and --generate", with(fb, "--generate",
                        command.startsWith("relu2") ? "teacher" : command.startsWith("multibranch") ? "blobs"
                                : "eye2"), "--generate"));
                cases.add(new Case(command, "--generate unknown", set(without(without(fb, "--x"), "--y"),
                        "--generate", "bogus")));
            }
            if (command.startsWith("relu2") && hasOption(command, "--libsvm")) {
                for (String file : List.of("index.libsvm", "index1.libsvm", "hugeval.libsvm", "token.libsvm",
                        "order.libsvm", "nanlabel.libsvm", "comment.libsvm", "shape.npy")) {
                    cases.add(new Case(command, "--libsvm " + file, set(dataless(base), "--libsvm", "@" + file)));
                }
                cases.add(new Case(command, "--libsvm and --generate", with(base, "--libsvm", "@index.libsvm")));
                cases.add(new Case(command, "--dataset and --generate", with(base, "--dataset", "fashion-mnist")));
                List<String> fashion = set(dataless(base), "--dataset", "fashion-mnist");
                cases.add(new Case(command, "--dataset unknown", set(dataless(base), "--dataset", "mnist")));
                cases.add(new Case(command, "--classes out of range", with(fashion, "--classes", "0,10")));
                cases.add(new Case(command, "--classes equal", with(fashion, "--classes", "3,3")));
                cases.add(new Case(command, "--loss unknown", set(base, "--loss", "l7")));
                cases.add(new Case(command, "--patterns unknown", set(base, "--patterns", "some")));
                cases.add(new Case(command, "--generate unknown", set(base, "--generate", "student")));
                cases.add(new Case(command, "no data source", dataless(base), "--x/--y"));
            }
            if (command.startsWith("multibranch ") && !command.endsWith("shapley-folkman")) {
                cases.add(new Case(command, "--generate unknown", set(base, "--generate", "spirals")));
                cases.add(new Case(command, "--branch malformed", set(base, "--branch", "1-x-1:tanh")));
                cases.add(new Case(command, "--branch activation", set(base, "--branch", "1-1-1:swish")));
                cases.add(new Case(command, "--regularizer unknown", set(base, "--regularizer", "l3")));
                cases.add(new Case(command, "--y labels not integers", set(fb, "--y", "@X1")));
                cases.add(new Case(command, "--n huge", set(base, "--n", "2000000000")));
            }
        }
        // command, what (its first word the flag the message must name), option of the base to set, value
        String[][] specific = {
            {"multibranch gap", "--method unknown", "--method", "x"},
            {"multibranch train", "--loss unknown", "--loss", "l2"},
            {"multibranch train", "--optimizer unknown", "--optimizer", "lbfgs"},
            {"multibranch shapley-folkman", "--p 0", "--p", "0"},
            {"multibranch shapley-folkman", "--p 2", "--p", "2"},
            {"multibranch shapley-folkman", "--out name taken by a directory", "--out", "TAKEN:nonconvexity.svg"},
            {"deep-linear", "--out name taken by a directory", "--out", "TAKEN:W3.npy"},
            {"relu2 fit", "--out name taken by a directory", "--out", "TAKEN:certificate.json"},
            {"landscape plane", "--out name taken by a directory", "--out", "TAKEN:surface.csv"},
            {"report", "--out index.html taken by a directory", "--out", "TAKEN:index.html"},
            {"report", "--out section folder taken by a file", "--out", "FILEIN:environment"},
            {"report", "--out data folder taken by a file", "--out", "FILEIN:data"},
            {"repro", "--out section folder taken by a file", "--out", "FILEIN:wang-linear"},
            {"repro zhang-vgg", "--out section folder taken by a file", "--out", "FILEIN:zhang-vgg"},
            {"deep-linear", "--widths negative", "--widths", "-2,2"},
            {"deep-linear", "--depth 1", "--depth", "1"},
            {"linear min-norm", "--generate unknown", "--generate", "x"},
            {"relu2 certify", "--first-layer wrong shape", "--first-layer", "@rows3.csv"},
            {"relu2 certify", "--second-layer wrong length", "--second-layer", "@X1"},
            {"relu2 certify", "--gates wrong shape", "--gates", "@rows3.csv"},
            {"relu2 path", "--betas empty list", "--betas", ","},
            {"relu2 path", "--betas one overflowing", "--betas", "0.5,1e999"},
            {"repro", "ID unknown experiment", "wang-linear", "zhang-a9"},
            {"repro", "ID environment is no experiment", "wang-linear", "environment"},
            {"report", "--only unknown", "--only", "nope"},
            {"report", "--only malformed", "--only", "../x"},
            // sizes given on the command line are refused before they are allocated or started
            {"deep-linear", "--widths too wide for memory", "--widths", "100000,100000"},
            {"deep-linear", "--depth huge", "--depth", "100000000"},
            {"linear min-norm", "--depth huge", "--depth", "2000000000"},
            {"linear staircase", "--depth huge", "--depth", "2000000000"},
            {"linear weight-decay", "--depth huge", "--depth", "2000000000"},
            {"relu2 fit", "--samples huge", "--samples", "2000000000"},
            {"relu2 path", "--dim huge", "--dim", "2000000000"},
            {"relu2 fit", "--patterns huge", "--patterns", "1000000000"},
            {"relu2 certify", "--patterns huge", "--patterns", "1000000000"},
            {"multibranch shapley-folkman", "--samples huge", "--samples", "2000000000"},
            {"multibranch train", "--I huge", "--I", "2000000000"},
            {"relu-deep rank-one", "--depth huge", "--depth", "100000000"},
            {"relu-deep rank-one", "--width too wide for memory", "--width", "100000000"},
            {"relu-deep parallel", "--depth huge", "--depth", "100000000"},
            {"relu-deep parallel", "--hidden too wide for memory", "--hidden", "2000000000"},
            {"relu-deep parallel", "--initial-branches huge", "--initial-branches", "2000000000"},
            {"relu-deep parallel", "--train branch count huge", "--train", "1,2000000000"},
            {"relu-deep spline", "--depth huge", "--depth", "100000000"},
            {"relu-deep spline", "--width too wide for memory", "--width", "100000000"},
            {"relu-deep whitened", "--depth huge", "--depth", "100000000"},
            {"relu-deep whitened", "--width too wide for memory", "--width", "100000000"},
            {"relu-deep whitened", "--d huge", "--d", "2000000000"},
        };
        for (String[] row : specific) {
            cases.add(new Case(row[0], row[1], set(BASES.get(row[0]), row[2], row[3]), row[1].split(" ")[0]));
        }
        cases.add(new Case("multibranch gap", "--classes 10 for the gap",
                with(BASES.get("multibranch gap"), "--generate", "blobs", "--classes", "10")));
        cases.add(new Case("linear weight-decay", "--x not whitened",
                set(FILE_BASES.get("linear weight-decay"), "--x", "@Y2")));
        // the library's own checks of the data, reported with the flag that gave it
        for (String command : List.of("linear min-norm", "linear staircase", "linear two-layer")) {
            cases.add(new Case(command, "--y not in the range of --x", set(set(without(FILE_BASES.get(command),
                    "--beta"), "--x", "@rows3.csv"), "--y", "@Y3")));
        }
        for (String command : List.of("relu2 fit", "relu2 certify", "relu2 path")) {
            cases.add(new Case(command, "--y labels not +-1 for the hinge loss",
                    with(set(FILE_BASES.get(command), "--y", "@X1"), "--loss", "hinge")));
            cases.add(new Case(command, "--test-fraction leaves no training sample",
                    with(FILE_BASES.get(command), "--test-fraction", "0.99")));
        }
        // relu-deep: the library's checks of the data (issue 13 follow-up), reported with the flag that gave it
        List<String> whitened = FILE_BASES.get("relu-deep whitened");
        cases.add(new Case("relu-deep whitened", "--x of rank below n with --whiten --force",
                with(set(set(whitened, "--x", "@X"), "--y", "@YL"), "--whiten", "--force")));
        cases.add(new Case("relu-deep whitened", "--x not whitened", set(set(whitened, "--x", "@X"), "--y", "@YL")));
        cases.add(new Case("relu-deep whitened", "--y columns not orthogonal", set(whitened, "--y", "@Y2")));
        cases.add(new Case("relu-deep whitened", "--y all zeros", set(whitened, "--y", "@Z2")));
        cases.add(new Case("relu-deep whitened", "--width below the label paths", set(whitened, "--width", "1")));
        cases.add(new Case("relu-deep whitened", "--width below the label paths of --generate",
                set(BASES.get("relu-deep whitened"), "--width", "1")));
        List<String> fashion = set(set(BASES.get("relu-deep whitened"), "--generate", "fashion-mnist"), "--d", "30");
        cases.add(new Case("relu-deep whitened", "--n not a multiple of 10 for fashion-mnist", set(fashion, "--n", "15")));
        cases.add(new Case("relu-deep whitened", "--d beyond the pixels of fashion-mnist",
                set(set(fashion, "--n", "10"), "--d", "900")));
        cases.add(new Case("relu-deep whitened", "--pool below 10 --n for fashion-mnist",
                with(set(fashion, "--n", "10"), "--pool", "10")));
        cases.add(new Case("relu-deep whitened", "--test 0", with(BASES.get("relu-deep whitened"), "--test", "0")));
        List<String> rankOne = FILE_BASES.get("relu-deep rank-one");
        cases.add(new Case("relu-deep rank-one", "--x not rank-one", set(rankOne, "--x", "@X")));
        cases.add(new Case("relu-deep rank-one", "--y not a c+ + b c-", set(rankOne, "--y", "@YL")));
        cases.add(new Case("relu-deep rank-one", "--generate not rank-one",
                set(BASES.get("relu-deep rank-one"), "--generate", "tiny")));
        cases.add(new Case("relu-deep rank-one", "--generate with c of both signs for --bias",
                with(BASES.get("relu-deep rank-one"), "--bias")));
        List<String> spline = FILE_BASES.get("relu-deep spline");
        cases.add(new Case("relu-deep spline", "--x a repeated point", set(spline, "--x", "@XDUP")));
        cases.add(new Case("relu-deep spline", "--x one point", set(set(spline, "--x", "@P1"), "--y", "@P1")));
        cases.add(new Case("", "no command", List.of()));
        cases.add(new Case("", "unknown command", List.of("train-everything")));
        cases.add(new Case("linear", "no subcommand", List.of()));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsOneCleanMessageAndLeavesNothing() {
        List<Case> cases = cases();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.command() + ": " + c.what(), () -> check(c)));
    }

    @Test
    void coversEveryCommand() {
        Map<String, Long> perCommand = cases().stream().collect(Collectors.groupingBy(Case::command,
                LinkedHashMap::new, Collectors.counting()));
        for (String command : leafCommands()) {
            assertThat(perCommand.getOrDefault(command, 0L)).as(command).isGreaterThanOrEqualTo(10);
        }
    }

    private static void check(Case c) throws IOException {
        Path work = Files.createTempDirectory(root, "case");
        Files.writeString(work.resolve("FILE"), "not a directory\n");
        List<String> args = new ArrayList<>();
        if (!c.command().isEmpty()) {
            args.addAll(List.of(c.command().split(" ")));
        }
        for (String a : c.args()) {
            args.add(resolve(a, work));
        }
        Set<String> before = tree(root);
        CliHarness cli = new CliHarness();
        int code = cli.run(args.toArray(String[]::new));
        String err = cli.err();
        String log = System.getenv("DUALNET_FUZZ_LOG");
        if (log != null) {
            Files.writeString(Path.of(log), c.command() + " | " + c.what() + " | " + code + " | " + err.lines()
                    .findFirst().orElse("") + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        String all = err + cli.out();
        String shown = String.join(" ", args) + "\n" + err;
        assertThat(code).as(shown).isEqualTo(Main.BAD_INPUT);
        List<String> lines = err.lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("dualnet: error: ")).count()).as(shown).isEqualTo(1);
        assertThat(lines.get(0)).as(shown).startsWith("dualnet: error: ");
        if (c.flag() != null) {
            assertThat(lines.get(0)).as("the message names the flag under test: " + shown).contains(c.flag());
        }
        assertThat(lines.subList(1, lines.size())).as(shown).allMatch(l -> l.startsWith("Try 'dualnet"));
        assertThat(JAVA_NAME.matcher(all).find()).as("Java name or stack trace in: " + shown).isFalse();
        assertThat(tree(root)).as("files left behind by: " + shown).isEqualTo(before);
        deleteTree(work);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Replaces placeholders: {@code @name} an input file, {@code OUT} a fresh path, {@code FILE} a regular file. */
    private static String resolve(String a, Path work) throws IOException {
        if (a.startsWith("@")) {
            String name = a.substring(1);
            return FILES.containsKey(name) ? FILES.get(name).toString() : inputs.resolve(name).toString();
        }
        if (FILES.containsKey(a)) {
            return FILES.get(a).toString();
        }
        if (a.equals("ANCHORS")) {
            return FILES.get("ancA") + "," + FILES.get("ancB") + "," + FILES.get("ancC");
        }
        if (a.equals("OUT.csv")) {
            return work.resolve("out.csv").toString();
        }
        if (a.equals("OUT")) {
            return work.resolve("out").toString();
        }
        if (a.startsWith("FILEIN:")) {
            Path out = Files.createDirectories(work.resolve("out"));
            Files.writeString(out.resolve(a.substring("FILEIN:".length())), "in the way\n");
            return out.toString();
        }
        if (a.startsWith("FILE")) {
            return work.resolve(a).toString();
        }
        if (a.startsWith("TAKEN:")) {
            Path out = work.resolve("out");
            Files.createDirectories(out.resolve(a.substring("TAKEN:".length())));
            return out.toString();
        }
        return a;
    }

    private static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<OptionSpec> options(String command) {
        CommandLine cl = Main.commandLine(nullStream(), nullStream(), false);
        for (String part : command.split(" ")) {
            cl = cl.getSubcommands().get(part);
        }
        return cl.getCommandSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    private static boolean hasOption(String command, String name) {
        return options(command).stream().anyMatch(o -> List.of(o.names()).contains(name));
    }

    private static Class<?> elementType(OptionSpec o) {
        Class<?> type = o.type();
        if (type.isArray()) {
            return type.getComponentType();
        }
        if (List.class.isAssignableFrom(type) && o.auxiliaryTypes().length > 0) {
            return o.auxiliaryTypes()[0];
        }
        return type;
    }

    /** {@code base} without its built-in data ({@code --generate} and its sizes). */
    private static List<String> dataless(List<String> base) {
        return without(without(without(base, "--generate"), "--samples"), "--dim");
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        return args;
    }

    /** {@code base} with option {@code name}'s value replaced (or the option appended). */
    private static List<String> set(List<String> base, String name, String value) {
        List<String> args = new ArrayList<>(base);
        int i = args.indexOf(name);
        if (i >= 0 && name.startsWith("-")) {
            args.set(i + 1, value);
        } else if (i >= 0) {
            args.set(i, value);
        } else {
            args.add(name);
            args.add(value);
        }
        return args;
    }

    /** {@code base} without option {@code name} and its value. */
    private static List<String> without(List<String> base, String name) {
        List<String> args = new ArrayList<>(base);
        int i = args.indexOf(name);
        if (i >= 0) {
            args.remove(i + 1);
            args.remove(i);
        }
        return args;
    }

    private static void csv(String name, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] row : rows) {
            sb.append(Arrays.stream(row).mapToObj(Double::toString).collect(Collectors.joining(","))).append('\n');
        }
        Path file = inputs.resolve(name + ".csv");
        Files.writeString(file, sb.toString());
        FILES.put(name, file);
    }

    private static void text(String name, String content) throws IOException {
        if (content != null) {
            Files.writeString(inputs.resolve(name), content, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] doubles(int count, double value) {
        ByteBuffer b = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putDouble(i % 3 == 1 ? value : 0.25 * i);
        }
        return b.array();
    }

    private static void npy(String name, String descr, String shape, byte[] data) throws IOException {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        try {
            Files.write(inputs.resolve(name), b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrintStream nullStream() {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
