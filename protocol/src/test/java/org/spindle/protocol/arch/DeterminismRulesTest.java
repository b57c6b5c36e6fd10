package org.spindle.protocol.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Protocol and core code must be deterministic state machines: no clocks, threads, executors, I/O
 * or unseeded randomness (DESIGN.md). The runtimes (sim, node) supply all of that through
 * NodeContext. This test fails the build when main code of core or protocol reaches for any of it.
 */
class DeterminismRulesTest {

    /** Packages whose types protocol code must not touch at all. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "java.io..",
            "java.nio.file..",
            "java.nio.channels..",
            "java.net..",
            "java.util.concurrent..",
            "java.time..",
            "io.netty..",
            "org.rocksdb..");

    /** Classes whose use means threads, clocks or unseeded randomness. */
    private static final List<String> FORBIDDEN_CLASSES = List.of(
            "java.lang.Thread",
            "java.lang.ThreadGroup",
            "java.lang.Runtime",
            "java.lang.ProcessBuilder",
            "java.util.Timer",
            "java.util.TimerTask",
            "java.security.SecureRandom",
            "java.util.concurrent.ThreadLocalRandom");

    /** Allowed exceptions inside the forbidden packages: value types that do no I/O. */
    private static final List<String> ALLOWED = List.of(
            "java.io.Serializable",
            "java.io.UncheckedIOException",
            "java.io.IOException",
            "java.io.ByteArrayOutputStream",
            "java.io.ByteArrayInputStream",
            "java.io.InputStream",
            "java.io.OutputStream",
            "java.io.EOFException",
            "java.io.DataInput",
            "java.io.DataOutput",
            "java.io.DataOutputStream",
            "java.io.DataInputStream",
            "java.io.PrintStream",
            "java.io.PrintWriter",
            "java.io.StringWriter",
            "java.util.concurrent.atomic.AtomicLong",
            "java.util.concurrent.atomic.AtomicInteger",
            "java.time.Duration");

    private static boolean hasNoParameters(JavaAccess<?> access) {
        return access.getTarget() instanceof AccessTarget.CodeUnitCallTarget call
                && call.getRawParameterTypes().isEmpty();
    }

    static ArchRule determinismRule() {
        DescribedPredicate<JavaAccess<?>> clockOrRandom = new DescribedPredicate<>(
                "read the wall clock, use unseeded randomness or touch the process's standard streams") {
            @Override
            public boolean test(JavaAccess<?> access) {
                String owner = access.getTargetOwner().getName();
                String name = access.getTarget().getName();
                return switch (owner) {
                    case "java.lang.System" -> name.equals("currentTimeMillis") || name.equals("nanoTime")
                            || name.equals("in") || name.equals("out") || name.equals("err")
                            || name.equals("getenv") || name.equals("exit");
                    case "java.lang.Math", "java.lang.StrictMath" -> name.equals("random");
                    case "java.util.Random" -> name.equals("<init>") && hasNoParameters(access);
                    case "java.util.UUID" -> name.equals("randomUUID");
                    case "java.util.random.RandomGenerator", "java.util.random.RandomGeneratorFactory" ->
                            name.equals("getDefault") || name.equals("create") && hasNoParameters(access);
                    default -> false;
                };
            }
        };
        DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> forbiddenType = new DescribedPredicate<>(
                "a thread, clock, executor, I/O or unseeded-randomness type") {
            @Override
            public boolean test(com.tngtech.archunit.core.domain.JavaClass c) {
                String n = c.getName();
                if (ALLOWED.contains(n)) {
                    return false;
                }
                if (FORBIDDEN_CLASSES.contains(n)) {
                    return true;
                }
                for (String p : FORBIDDEN_PACKAGES) {
                    String prefix = p.substring(0, p.length() - 2);
                    if (n.startsWith(prefix + ".")) {
                        return true;
                    }
                }
                return false;
            }
        };
        return noClasses()
                .should().accessTargetWhere(clockOrRandom)
                .orShould().dependOnClassesThat(forbiddenType)
                .because("protocol code is a deterministic state machine; runtimes supply time, "
                        + "threads, I/O and seeded randomness through NodeContext (DESIGN.md)");
    }

    @Test
    void coreAndProtocolMainCodeStayDeterministic() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.spindle.core", "org.spindle.protocol");
        assertThat(main.containPackage("org.spindle.core.bytes"))
                .as("core's classes were imported, so the rule really looked at them").isTrue();
        determinismRule().check(main);
    }

    @Test
    void ruleCatchesClockThreadsAndUnseededRandomness() {
        for (Class<?> offender : List.of(ReadsClock.class, StartsThread.class, UsesExecutor.class,
                UnseededRandom.class, ReadsFile.class)) {
            JavaClasses one = new ClassFileImporter().importClasses(offender);
            assertThatThrownBy(() -> determinismRule().check(one))
                    .as(offender.getSimpleName() + " must break the rule")
                    .isInstanceOf(AssertionError.class);
        }
        JavaClasses clean = new ClassFileImporter().importClasses(SeededRandom.class);
        determinismRule().check(clean);
    }

    static final class ReadsClock {
        long now() {
            return System.currentTimeMillis();
        }
    }

    static final class StartsThread {
        void go() {
            new Thread(() -> {}).start();
        }
    }

    static final class UsesExecutor {
        Object pool() {
            return Executors.newSingleThreadExecutor();
        }
    }

    static final class UnseededRandom {
        int roll() {
            return new Random().nextInt();
        }
    }

    static final class ReadsFile {
        boolean exists() {
            return new java.io.File("x").exists();
        }
    }

    static final class SeededRandom {
        int roll() {
            return new Random(42).nextInt();
        }
    }
}
