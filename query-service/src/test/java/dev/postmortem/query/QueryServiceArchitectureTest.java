package dev.postmortem.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import dev.postmortem.localstack.junit.HouseRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The read side learns about the write side only through shared-events and the event stream. */
@AnalyzeClasses(packages = "dev.postmortem.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryServiceArchitectureTest extends HouseRules {

    @ArchTest
    static void neverDependsOnTheCommandService(JavaClasses classes) {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.postmortem.command..")
                   .allowEmptyShould(true)
                   .check(classes);
    }

    @ArchTest
    static void neverSendsCommands(JavaClasses classes) {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.postmortem.api.command..")
                   .allowEmptyShould(true)
                   .check(classes);
    }

    /**
     * The projection engine (the batch and its version guard, the stream reader and its one JSON mapper, failing
     * closed, reading as the current user) serves every feature and knows none of them.
     */
    @ArchTest
    static void theProjectionEngineKnowsNoFeature(JavaClasses classes) {
        noClasses().that().resideInAnyPackage("..query.projection..", "..query.stream..", "..query.failclosed..",
                           "..query.readmodel..", "..query.security..")
                   .should().dependOnClassesThat().resideInAnyPackage("..query.postmortem..", "..query.countermeasures..",
                           "..query.search..", "..query.kpis..", "..query.export..", "..query.admin..", "..query.language..")
                   .check(classes);
    }
}
