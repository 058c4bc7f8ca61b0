package dev.postmortem.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The domain knows nothing of HTTP, Spring or persistence; the web layer talks to it only through commands. */
class CommandServiceArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postmortem.command");

    @Test
    void theAggregateDependsOnNoWebPersistenceOrSpringCode() {
        noClasses().that().resideInAPackage("..command.postmortem..")
                   .should().dependOnClassesThat().resideInAnyPackage(
                           "..command.web..", "..command.config..", "org.springframework..", "jakarta.servlet..",
                           "java.sql..", "javax.sql..", "com.fasterxml..")
                   .check(classes);
    }

    @Test
    void theSeverityScaleItselfIsPlainJava() {
        noClasses().that().haveSimpleName("SeverityScale")
                   .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                   .check(classes);
    }

    @Test
    void theWebLayerNeverTouchesTheAggregateDirectly() {
        noClasses().that().resideInAPackage("..command.web..")
                   .should().dependOnClassesThat().haveSimpleName("PostMortem")
                   .check(classes);
    }

    /** Each package can be read on its own: no two depend on each other, however far round. */
    @Test
    void itsPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.postmortem.command.(*)..").should().beFreeOfCycles().check(classes);
    }
}
