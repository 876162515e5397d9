package io.cloudimages.ims.startup;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Batch job mode opens no HTTP port, and keeps standard output for the job's answer alone (its last line): the
 * log goes to standard error. Chosen by the job settings themselves (docs/behaviour.md §8.1).
 */
public class BatchJobModeConfigSourceFactory implements ConfigSourceFactory {
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isSet(context, "ims.batch.job") && !isSet(context, "ims.batch.job-file")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.http.host-enabled", "false",
                "quarkus.log.console.stderr", "true"), "ims-batch-job-mode", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
