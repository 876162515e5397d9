package io.cloudimages.ims.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code: a framework-free domain, an application layer that knows only the domain and its
 * own ports, entry points and adapters around them, arrows only inward, and no package cycles anywhere.
 */
class ArchitectureTest {
    private static final String ROOT = "io.cloudimages.ims";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void domainUsesNoFrameworkTypes() {
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax.persistence..", "org.hibernate..",
                        "com.fasterxml..", "io.vertx..", "io.smallrye..", "org.eclipse.microprofile..",
                        "org.jboss..", "io.agroal..", "org.postgresql..", "io.micrometer..", ROOT + ".observability..")
                .check(CLASSES);
    }

    @Test
    void applicationUsesNoAdapterOrTransportTypes() {
        noClasses().that().resideInAPackage(ROOT + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.vertx..", "io.quarkus.funqy..", "org.hibernate..", "io.quarkus.hibernate..",
                        "jakarta.persistence..", "org.postgresql..", "io.agroal..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void arrowsPointOnlyInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Startup").definedBy(ROOT + ".startup..", ROOT + ".demo..")
                .layer("EntryPoints").definedBy(ROOT + ".api..")
                .layer("Authentication").definedBy(ROOT + ".auth..")
                .layer("Persistence").definedBy(ROOT + ".persistence..")
                .layer("Application").definedBy(ROOT + ".application..")
                .layer("Http").definedBy(ROOT + ".http..")
                .layer("Config").definedBy(ROOT + ".config..")
                .layer("Domain").definedBy(ROOT + ".domain..")
                .whereLayer("Startup").mayNotBeAccessedByAnyLayer()
                .whereLayer("EntryPoints").mayNotBeAccessedByAnyLayer()
                .whereLayer("Authentication").mayOnlyBeAccessedByLayers("EntryPoints", "Startup")
                .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Authentication", "Startup")
                .whereLayer("Application").mayOnlyBeAccessedByLayers("EntryPoints", "Persistence", "Startup")
                .whereLayer("Http").mayOnlyBeAccessedByLayers("EntryPoints", "Authentication")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "EntryPoints", "Authentication",
                        "Persistence", "Startup")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * Quarkus initialises application classes while it builds the native executable: a static field holding
     * run-time state would be baked into the image (a seeded random generator gives every instance the same
     * sequence; a clock, key, file or thread would be the build machine's).
     */
    @Test
    void noStaticFieldHoldsRunTimeState() {
        noFields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage(ROOT + "..")
                .should().haveRawType(java.security.SecureRandom.class)
                .orShould().haveRawType(java.util.Random.class)
                .orShould().haveRawType(java.util.SplittableRandom.class)
                .orShould().haveRawType(java.time.Clock.class)
                .orShould().haveRawType(java.security.KeyPair.class)
                .orShould().haveRawType(java.security.PrivateKey.class)
                .orShould().haveRawType(javax.crypto.SecretKey.class)
                .orShould().haveRawType(Thread.class)
                .orShould().haveRawType(java.util.concurrent.ExecutorService.class)
                .orShould().haveRawType(java.net.Socket.class)
                .check(CLASSES);
    }
}
