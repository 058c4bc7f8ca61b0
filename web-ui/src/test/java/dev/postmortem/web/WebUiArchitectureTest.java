package dev.postmortem.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import dev.postmortem.localstack.junit.HouseRules;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The web UI talks to the services over HTTP only: it never imports their code, nor sends their commands itself. */
@AnalyzeClasses(packages = "dev.postmortem.web", importOptions = ImportOption.DoNotIncludeTests.class)
class WebUiArchitectureTest extends HouseRules {

    @ArchTest
    static void neverImportsAService(JavaClasses classes) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.postmortem.command..", "dev.postmortem.query..")
                   .check(classes);
    }

    @ArchTest
    static void neverBuildsTheServicesCommandsOrEvents(JavaClasses classes) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.postmortem.api.command..", "dev.postmortem.api.event..")
                   .allowEmptyShould(true).check(classes);
    }

    /** A folder per feature of the pages; each stands on the shared plumbing (pages, views, backend), not on another. */
    @ArchTest
    static void eachFeatureStandsOnItsOwn(JavaClasses classes) {
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
}
