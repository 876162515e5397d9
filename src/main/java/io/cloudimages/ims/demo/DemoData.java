package io.cloudimages.ims.demo;

import io.cloudimages.ims.auth.signing.AccessKeyEntity;
import io.cloudimages.ims.auth.signing.SecretCipher;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.persistence.ImageEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Seeds the demo images and credentials of docs/behaviour.md §6, on the embedded database only. */
@ApplicationScoped
public class DemoData {
    public static final String DEMO_IMAGE_ID = "33ad552d-1149-471c-8190-ff6776174a00";
    public static final String DEMO_PROJECT = "0b1e494e2660441a957313163095fe5c";
    public static final String OTHER_PROJECT = "9c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f";
    public static final String ADMIN_PROJECT = "00000000000000000000000000000000";

    /** Access key, secret key, project, roles. */
    public static final List<List<String>> CREDENTIALS = List.of(
            List.of("DEMOAK0B1E494E2660441A", "demo-sk-0b1e494e2660441a957313163095fe5c", DEMO_PROJECT, ""),
            List.of("DEMOAK9C3D2E1F0A9B8C7D", "demo-sk-9c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f", OTHER_PROJECT, ""),
            List.of("DEMOAKADMIN000000000000", "demo-sk-admin", ADMIN_PROJECT, "admin"));

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    void seed(@Observes StartupEvent event, ImsConfig config,
              @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> datasourceUrl) {
        // Never into a database reached through a configured URL, whatever else is set.
        if (!DemoMode.isActive(datasourceUrl.orElse(null))) {
            return;
        }
        EmbeddedDatabase.applicationStarted();
        SecretCipher cipher = new SecretCipher(config.auth().skEncryptionKey().orElseThrow());
        QuarkusTransaction.requiringNew().run(() -> {
            Instant created = Instant.parse("2015-12-04T09:45:33Z");
            persistIfAbsent(exampleImage(DEMO_IMAGE_ID, "ims_demo", DEMO_PROJECT, created));
            ImageEntity xen = exampleImage("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a01", "demo-01", DEMO_PROJECT, created);
            xen.properties.putAll(Map.of("__support_xen", "true", "owner_team", "storage"));
            persistIfAbsent(xen);
            ImageEntity queued = exampleImage("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a02", "demo-02", DEMO_PROJECT, created);
            queued.status = "queued";
            persistIfAbsent(queued);
            ImageEntity killed = exampleImage("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a03", "demo-03", DEMO_PROJECT, created);
            killed.status = "killed";
            persistIfAbsent(killed);
            ImageEntity deleted = exampleImage("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a04", "demo-04", DEMO_PROJECT, created);
            deleted.status = "deleted";
            deleted.deleted = true;
            deleted.deletedAt = Instant.parse("2016-01-04T10:00:00Z");
            persistIfAbsent(deleted);
            ImageEntity gold = exampleImage("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a05", "demo-05", ADMIN_PROJECT, created);
            gold.imageType = "gold";
            gold.visibility = "public";
            persistIfAbsent(gold);
            persistIfAbsent(exampleImage("5b1c1a8e-7a43-4c51-9d1f-0c0e7f1b2a06", "demo-06", OTHER_PROJECT, created));
            for (List<String> credential : CREDENTIALS) {
                if (AccessKeyEntity.findById(credential.get(0)) == null) {
                    AccessKeyEntity key = new AccessKeyEntity();
                    key.accessKey = credential.get(0);
                    key.secretKeyCiphertext = cipher.encrypt(key.accessKey, credential.get(1));
                    key.projectId = credential.get(2);
                    key.roles = credential.get(3).isEmpty() ? List.of() : List.of(credential.get(3));
                    key.enabled = true;
                    key.persist();
                }
            }
        });
        LOG.info("demo mode: embedded PostgreSQL with the demo images and DEMOAK* credentials");
    }

    void stopped(@Observes ShutdownEvent event,
                 @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> datasourceUrl) {
        if (DemoMode.isActive(datasourceUrl.orElse(null))) {
            EmbeddedDatabase.applicationStopped();
        }
    }

    /** An image with every field of the IMS example response ({@code updated_at} equal to {@code created_at}). */
    public static ImageEntity exampleImage(String id, String name, String owner, Instant created) {
        ImageEntity image = new ImageEntity();
        image.id = UUID.fromString(id);
        image.owner = owner;
        image.name = name;
        image.status = "active";
        image.visibility = "private";
        image.imageType = "private";
        image.size = 2;
        image.virtualSize = 0;
        image.checksum = "99914b932bd37a50b983c5e7c90ae93b";
        image.containerFormat = "bare";
        image.diskFormat = "vhd";
        image.minDisk = 40;
        image.minRam = 0;
        image.description = "ims test";
        image.firmwareType = "bios";
        image.tags = List.of();
        image.osBit = "64";
        image.osVersion = "Ubuntu 14.04 server 64bit";
        image.isRegistered = "true";
        image.platform = "Ubuntu";
        image.osType = "Linux";
        image.virtualEnvType = "FusionCompute";
        image.imageSourceType = "uds";
        image.originalImageName = DEMO_IMAGE_ID;
        image.backupId = "";
        image.productCode = "";
        image.imageSize = "449261568";
        image.dataOrigin = null;
        image.properties = new TreeMap<>();
        image.createdAt = created;
        image.updatedAt = created;
        return image;
    }

    private static void persistIfAbsent(ImageEntity image) {
        if (ImageEntity.findById(image.id) == null) {
            image.persist();
        }
    }
}
