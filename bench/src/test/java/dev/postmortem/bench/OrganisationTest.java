package dev.postmortem.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationTest {

    private final Organisation organisation = new Organisation(42);

    @Test
    void theSameSeedAndIndexGiveTheSamePostMortem() {
        assertThat(new Organisation(42).plan(17)).isEqualTo(organisation.plan(17));
        assertThat(new Organisation(43).plan(17)).isNotEqualTo(organisation.plan(17));
    }

    @Test
    void aPostMortemHasTheShapeOfTheGuide() {
        Organisation.Plan plan = organisation.plan(3);
        assertThat(plan.timeline()).hasSize(15);
        assertThat(plan.stakeholders()).hasSize(5);
        assertThat(plan.whys()).hasSize(5);
        assertThat(plan.countermeasures()).hasSize(4).filteredOn(Organisation.Countermeasure::completed).hasSize(2);
        assertThat(plan.tags()).hasSizeBetween(2, 4).doesNotHaveDuplicates();
        assertThat(plan.start()).isBefore(plan.detect());
        assertThat(plan.detect()).isBefore(plan.end());
        assertThat(plan.commands()).isEqualTo(51);
    }

    @Test
    void theOrganisationVariesEnoughForSearchToMeanSomething() {
        Set<String> titles = new HashSet<>();
        Set<String> words = new HashSet<>();
        int sev1 = 0;
        for (int i = 0; i < 1000; i++) {
            Organisation.Plan plan = organisation.plan(i);
            titles.add(plan.title());
            plan.timeline().forEach(entry -> words.addAll(java.util.Arrays.asList(entry.description().toLowerCase().split("\\W+"))));
            sev1 += plan.severity().equals("SEV1") ? 1 : 0;
        }
        assertThat(titles).as("distinct titles of 1,000").hasSizeGreaterThan(900);
        assertThat(words).as("distinct words in timelines").hasSizeGreaterThan(250);
        assertThat(sev1).as("SEV1 is rare (5%)").isBetween(20, 90);
    }
}
