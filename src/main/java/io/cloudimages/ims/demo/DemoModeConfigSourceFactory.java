package io.cloudimages.ims.demo;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import org.graalvm.nativeimage.ImageInfo;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Decides, before anything touches the database, where it is (docs/behaviour.md §6):
 * <ul>
 * <li>a datasource URL is configured: that database, nothing seeded, nothing added here;</li>
 * <li>no URL, and dev mode, the tests, or {@code ims.demo=true}: an embedded PostgreSQL is started and this
 * source supplies its URL, migration at start, and the development keys;</li>
 * <li>no URL otherwise: the start is refused with a message saying what to set.</li>
 * </ul>
 * A config source factory runs at runtime initialisation, before the datasource and Flyway are created.
 * The embedded binaries (about 10 MB of jar for linux-amd64) ship in the artifact, but nothing of them is
 * loaded or extracted unless this mode is chosen.
 */
public class DemoModeConfigSourceFactory implements ConfigSourceFactory {
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Quarkus also builds a configuration while it builds the application: nothing to start then.
        if (ExecutionMode.current() == ExecutionMode.UNSET || isSet(context, "quarkus.datasource.jdbc.url")) {
            return List.of();
        }
        // The launch mode, not a profile name: QUARKUS_PROFILE=test on the packaged application is a production
        // start like any other. Only dev mode, the test run, or ims.demo=true choose the demo.
        LaunchMode launchMode = LaunchMode.current();
        boolean devOrTest = launchMode == LaunchMode.DEVELOPMENT || launchMode == LaunchMode.TEST;
        if (!devOrTest && !"true".equalsIgnoreCase(value(context, "ims.demo"))) {
            throw new IllegalStateException("No database configured. Either set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD) to use your PostgreSQL, "
                    + "or set IMS_DEMO=true to run on an embedded PostgreSQL with the demo data.");
        }
        if (ImageInfo.inImageRuntimeCode()) {
            // Folded to a constant by native-image, so the embedded database's code and binaries are not even
            // part of the native executable: it runs against a configured database only.
            throw new IllegalStateException("The native executable has no embedded database: set "
                    + "QUARKUS_DATASOURCE_JDBC_URL (with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD),"
                    + " or run the demo on the JVM build (IMS_DEMO=true java -jar target/quarkus-app/quarkus-run.jar).");
        }
        String jdbcUrl = EmbeddedDatabase.jdbcUrl();
        DemoMode.startedOn(jdbcUrl);
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        if (!devOrTest) {
            // The demo's keys are public: it listens on the loopback interface unless the user says otherwise
            // (dev mode does so by itself; the tests choose their own host).
            properties.put("quarkus.http.host", "127.0.0.1");
        }
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        properties.put("quarkus.flyway.migrate-at-start", "true");
        properties.put("ims.auth.sk-encryption-key", DevDefaults.SK_ENCRYPTION_KEY);
        properties.put("mp.jwt.verify.publickey.location", DevDefaults.TOKEN_PUBLIC_KEY_LOCATION);
        properties.put("mp.jwt.verify.issuer", DevDefaults.TOKEN_ISSUER);
        return List.of(new PropertiesConfigSource(properties, "ims-embedded-demo", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        String value = value(context, name);
        return value != null && !value.isBlank();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
