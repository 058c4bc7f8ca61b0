package dev.postmortem.command;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import dev.postmortem.localstack.junit.HouseRules;
import dev.postmortem.localstack.junit.SourceRules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder per feature, each holding its controller and its part of the post-mortem model. The model (the aggregate,
 * its members, and what they share in {@code domain}) knows nothing of HTTP, Spring or persistence; the controllers
 * and the web plumbing reach it only through commands.
 */
@AnalyzeClasses(packages = "dev.postmortem.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest extends HouseRules {

    /** The aggregate and its members: whatever handles commands or sources events, with the classes nested in it. */
    private static final DescribedPredicate<JavaClass> AGGREGATE_PARTS = DescribedPredicate.describe(
            "are the aggregate or one of its members", PostMortemModel::handlesMessages);

    private static final DescribedPredicate<JavaClass> MODEL = DescribedPredicate.describe(
            "are the aggregate, its members or the domain they share",
            type -> PostMortemModel.handlesMessages(type) || type.getPackageName().endsWith(".command.domain"));

    @ArchTest
    static void theModelDependsOnNoWebPersistenceOrSpringCode(JavaClasses classes) {
        noClasses().that(MODEL)
                   .should().dependOnClassesThat().resideInAnyPackage(
                           "..command.web..", "..command.config..", "org.springframework..", "jakarta.servlet..",
                           "java.sql..", "javax.sql..", "com.fasterxml..")
                   .check(classes);
    }

    @ArchTest
    static void theSeverityScaleItselfIsPlainJava(JavaClasses classes) {
        noClasses().that().haveSimpleName("SeverityScale")
                   .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                   .check(classes);
    }

    @ArchTest
    static void controllersAndTheWebLayerNeverTouchTheAggregateOrItsMembers(JavaClasses classes) {
        noClasses().that().resideInAPackage("..command.web..").or().areAnnotatedWith(RestController.class)
                   .should().dependOnClassesThat(AGGREGATE_PARTS)
                   .check(classes);
    }

    /**
     * javac copies a constant's value into the class that reads it, so the rules above cannot see who reads whose
     * constants: the sources can. No class outside the aggregate's folder names the aggregate, its constants included.
     */
    @Test
    void onlyTheAggregatesFolderNamesTheAggregate() {
        assertThat(SourceRules.filesNaming(Path.of("src/main/java"), "dev.postmortem.command.postmortem.PostMortem", "/command/postmortem/"))
                .isEmpty();
    }

    private static final class PostMortemModel {

        static boolean handlesMessages(JavaClass type) {
            JavaClass outer = type;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            return outer.getCodeUnits().stream().anyMatch(unit -> unit.isAnnotatedWith(CommandHandler.class)
                    || unit.isAnnotatedWith(EventSourcingHandler.class));
        }
    }
}
