package dev.postmortem.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import dev.postmortem.api.event.PostMortemEvent;
import org.axonframework.serialization.Revision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** shared-events is the contract both services and outside consumers rely on: plain records, no frameworks. */
@AnalyzeClasses(packages = "dev.postmortem.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {

    @ArchTest
    static void dependsOnNoFrameworkButAxonsRoutingAndRevisionAnnotations(JavaClasses classes) {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("org.springframework..", "com.fasterxml..", "jakarta..", "javax.persistence..")
                   .check(classes);
        noClasses().should().dependOnClassesThat(
                           com.tngtech.archunit.base.DescribedPredicate.describe(
                                   "Axon classes other than @TargetAggregateIdentifier and @Revision",
                                   type -> type.getPackageName().startsWith("org.axonframework")
                                           && !type.getName().equals("org.axonframework.modelling.command.TargetAggregateIdentifier")
                                           && !type.getName().equals("org.axonframework.serialization.Revision")))
                   .check(classes);
    }

    @ArchTest
    static void everyEventIsARevisionedRecord(JavaClasses classes) {
        classes().that().implement(PostMortemEvent.class)
                 .should().beRecords()
                 .andShould().beAnnotatedWith(Revision.class)
                 .check(classes);
    }

    @ArchTest
    static void commandsAreRecordsInTheCommandPackage(JavaClasses classes) {
        classes().that().resideInAPackage("..command..").and().areNotInterfaces()
                 .should().beRecords()
                 .check(classes);
    }
}
