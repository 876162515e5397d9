package io.cloudimages.ims.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The packaged application the integration tests start as a process: the native executable after
 * {@code ./mvnw verify -Dnative} (failsafe passes its path as {@code native.image.path}), else the JAR.
 */
final class PackagedApp {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private PackagedApp() {
    }

    static boolean isNative() {
        String path = System.getProperty("native.image.path");
        return path != null && Files.isExecutable(Path.of(path)) && !Files.exists(JAR);
    }

    /** The command that starts it. */
    static List<String> command() {
        if (isNative()) {
            return List.of(System.getProperty("native.image.path"));
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
    }
}
