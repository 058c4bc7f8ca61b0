package dev.postmortem.command;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder per feature, each holding its controller and its part of the post-mortem model. The model (the aggregate,
 * its members, and what they share in {@code domain}) knows nothing of HTTP, Spring or persistence; the controllers
 * and the web plumbing reach it only through commands.
 */
class CommandServiceArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.postmortem.command");

    /** The aggregate and its members: whatever handles commands or sources events, with the classes nested in it. */
    private static final DescribedPredicate<JavaClass> AGGREGATE_PARTS = DescribedPredicate.describe(
            "are the aggregate or one of its members", PostMortemModel::handlesMessages);

    private static final DescribedPredicate<JavaClass> MODEL = DescribedPredicate.describe(
            "are the aggregate, its members or the domain they share",
            type -> PostMortemModel.handlesMessages(type) || type.getPackageName().endsWith(".command.domain"));

    @Test
    void theModelDependsOnNoWebPersistenceOrSpringCode() {
        noClasses().that(MODEL)
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
    void controllersAndTheWebLayerNeverTouchTheAggregateOrItsMembers() {
        noClasses().that().resideInAPackage("..command.web..").or().areAnnotatedWith(RestController.class)
                   .should().dependOnClassesThat(AGGREGATE_PARTS)
                   .check(classes);
    }

    /** Each package can be read on its own: no two depend on each other, however far round. */
    @Test
    void itsPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.postmortem.command.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * javac copies a constant's value into the class that reads it, so the rules above cannot see who reads whose
     * constants: the sources can. No class outside the model names the aggregate (its constants included), and no
     * class names another by its fully qualified name.
     */
    @Test
    void constantsAreReadFromTheirOwnersAndNamesAreImported() throws IOException {
        Pattern aggregate = Pattern.compile("\\bPostMortem\\s*\\.\\s*[A-Z_]+\\b|import dev\\.postmortem\\.command\\.postmortem\\.PostMortem;");
        Pattern qualified = Pattern.compile("^(?!import |package ).*\\bdev\\.postmortem\\.[a-z.]+\\.[A-Z]\\w*", Pattern.MULTILINE);
        List<String> offences;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            offences = sources.filter(path -> path.toString().endsWith(".java")).flatMap(path -> {
                String text = read(path);
                Stream<String> found = qualified.matcher(text).results().map(match -> path + ": " + match.group().strip());
                if (!path.toString().contains("/command/postmortem/") && aggregate.matcher(text).find()) {
                    found = Stream.concat(found, Stream.of(path + " names the aggregate"));
                }
                return found;
            }).toList();
        }
        assertThat(offences).isEmpty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
