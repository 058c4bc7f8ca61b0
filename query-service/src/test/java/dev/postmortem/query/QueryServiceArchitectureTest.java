package dev.postmortem.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The read side learns about the write side only through shared-events and the event stream. */
class QueryServiceArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postmortem.query");

    @Test
    void neverDependsOnTheCommandService() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.postmortem.command..")
                   .allowEmptyShould(true)
                   .check(classes);
    }

    @Test
    void neverSendsCommands() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.postmortem.api.command..")
                   .allowEmptyShould(true)
                   .check(classes);
    }

    /**
     * The projection engine (the batch and its version guard, the stream reader and its one JSON mapper, failing
     * closed, reading as the current user) serves every feature and knows none of them.
     */
    @Test
    void theProjectionEngineKnowsNoFeature() {
        noClasses().that().resideInAnyPackage("..query.projection..", "..query.stream..", "..query.failclosed..",
                           "..query.readmodel..", "..query.security..")
                   .should().dependOnClassesThat().resideInAnyPackage("..query.postmortem..", "..query.countermeasures..",
                           "..query.search..", "..query.kpis..", "..query.export..", "..query.admin..", "..query.language..")
                   .check(classes);
    }

    /** Each package (a feature, or the projection engine they share) can be read on its own: no two depend on each other, however far round. */
    @Test
    void itsPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.postmortem.query.(*)..").should().beFreeOfCycles().check(classes);
    }
}
