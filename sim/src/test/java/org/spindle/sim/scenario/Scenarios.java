package org.spindle.sim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code scenarios/} folder from a module's working directory. */
final class Scenarios {
    private Scenarios() {}

    static Path file(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("scenarios").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scenarios/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
