package dev.postmortem.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The web UI talks to the services over HTTP only: it never imports their code, nor sends their commands itself. */
class WebUiArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postmortem.web");

    @Test
    void neverImportsAService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.postmortem.command..", "dev.postmortem.query..")
                   .check(classes);
    }

    @Test
    void neverBuildsTheServicesCommandsOrEvents() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.postmortem.api.command..", "dev.postmortem.api.event..")
                   .allowEmptyShould(true).check(classes);
    }

    /** A folder per feature of the pages; each stands on the shared plumbing (pages, views, backend), not on another. */
    @Test
    void eachFeatureStandsOnItsOwn() {
        List<String> features = List.of("postmortem", "timeline", "stakeholders", "fivewhys", "countermeasures", "audit", "search",
                "kpis", "home", "language");
        for (String feature : features) {
            String[] others = features.stream().filter(other -> !other.equals(feature)).map(other -> "..web." + other + "..")
                                      .toArray(String[]::new);
            noClasses().that().resideInAPackage("..web." + feature + "..")
                       .should().dependOnClassesThat().resideInAnyPackage(others)
                       .check(classes);
        }
    }

    @Test
    void itsPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.postmortem.web.(*)..").should().beFreeOfCycles().check(classes);
    }
}
