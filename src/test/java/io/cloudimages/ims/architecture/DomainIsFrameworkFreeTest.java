package io.cloudimages.ims.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain (parsing, attribute rules, applying a patch, access rules) depends on the JDK only. */
class DomainIsFrameworkFreeTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cloudimages.ims");

    @Test
    void domainUsesNoFrameworkTypes() {
        noClasses().that().resideInAPackage("io.cloudimages.ims.image.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax.persistence..", "org.hibernate..",
                        "com.fasterxml..", "io.vertx..", "io.smallrye..", "org.eclipse.microprofile..",
                        "org.jboss..", "io.agroal..", "org.postgresql..")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("io.cloudimages.ims.image.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.cloudimages.ims.image.persistence..", "io.cloudimages.ims.image.http..",
                        "io.cloudimages.ims.image.service..", "io.cloudimages.ims.image.mapping..",
                        "io.cloudimages.ims.auth..", "io.cloudimages.ims.http..", "io.cloudimages.ims.db..",
                        "io.cloudimages.ims.demo..", "io.cloudimages.ims.function..")
                .check(CLASSES);
    }

    @Test
    void onlyTheServiceAndAdaptersTouchPersistence() {
        noClasses().that().resideInAnyPackage("io.cloudimages.ims.image.http..", "io.cloudimages.ims.function..")
                .should().dependOnClassesThat().resideInAPackage("io.cloudimages.ims.image.persistence..")
                .check(CLASSES);
    }
}
