package io.cloudimages.ims.startup;

import io.cloudimages.ims.config.ImsConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** {@code ims.migrate-only=true}: Flyway has migrated during start-up; stop with success. */
@ApplicationScoped
public class MigrationJob {
    private static final Logger LOG = Logger.getLogger(MigrationJob.class);

    void exitWhenOnlyMigrating(@Observes StartupEvent event, ImsConfig config) {
        if (config.migrateOnly()) {
            LOG.info("migration finished; exiting (ims.migrate-only=true)");
            Quarkus.asyncExit(0);
        }
    }
}
