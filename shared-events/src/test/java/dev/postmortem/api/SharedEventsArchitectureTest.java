package dev.postmortem.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.postmortem.api.event.PostMortemEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** shared-events is the contract both services and outside consumers rely on: plain records, no frameworks. */
class SharedEventsArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postmortem.api");

    @Test
    void dependsOnNoFrameworkButAxonsRoutingAndRevisionAnnotations() {
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

    @Test
    void everyEventIsARevisionedRecord() {
        classes().that().implement(PostMortemEvent.class)
                 .should().beRecords()
                 .andShould().beAnnotatedWith(Revision.class)
                 .check(classes);
    }

    @Test
    void commandsAreRecordsInTheCommandPackage() {
        classes().that().resideInAPackage("..command..").and().areNotInterfaces()
                 .should().beRecords()
                 .check(classes);
    }
}
