package dev.postmortem.localstack.junit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.nio.file.Path;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every module keeps, whatever it is: each module's architecture test extends this class (ArchUnit runs the
 * {@code @ArchTest} members of a base class as the subclass's, on the classes it analyses) beside its own rules.
 */
public abstract class HouseRules {

    /** Each package of a module (a feature, or a room they share) can be read on its own: no cycles, however far round. */
    @ArchTest
    public static final ArchRule PACKAGES_DEPEND_ON_EACH_OTHER_WITHOUT_CYCLES =
            slices().matching("dev.postmortem.*.(*)..").should().beFreeOfCycles();

    protected HouseRules() {
    }

    /** javac needs no import for a class named by its qualified name, and ArchUnit cannot tell: the sources can. */
    @ArchTest
    public static void namesAreImportedNotQualified(JavaClasses classes) {
        assertThat(SourceRules.qualifiedNames(Path.of("src/main/java"))).isEmpty();
    }
}
