package dev.postmortem.kit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import dev.postmortem.localstack.junit.HouseRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The kit is what the services and the web UI share: the arrows point at it, never from it. */
@AnalyzeClasses(packages = "dev.postmortem.kit", importOptions = ImportOption.DoNotIncludeTests.class)
class ServiceKitArchitectureTest extends HouseRules {

    @ArchTest
    static void importsNoServiceAndNotTheWebUi(JavaClasses classes) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.postmortem.command..", "dev.postmortem.query..",
                "dev.postmortem.web..").check(classes);
    }
}
