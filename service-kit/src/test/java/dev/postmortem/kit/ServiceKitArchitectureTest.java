package dev.postmortem.kit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The kit is what the services and the web UI share: the arrows point at it, never from it. */
class ServiceKitArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postmortem.kit");

    @Test
    void importsNoServiceAndNotTheWebUi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.postmortem.command..", "dev.postmortem.query..",
                "dev.postmortem.web..").check(classes);
    }

    @Test
    void itsPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.postmortem.kit.(*)..").should().beFreeOfCycles().check(classes);
    }
}
