package dev.postmortem.command.fivewhys;

import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.RemoveWhy;
import dev.postmortem.api.event.RootCauseIdentified;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.event.WhyRemoved;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.postmortem.PostMortemFixture;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

/** The 5 whys: the chain answered in order, only its last step removed, the root cause. */
class FiveWhysTest extends PostMortemFixture {

    final WhyAnswered first = new WhyAnswered(ID, 1, "Why did checkout fail?", "The database refused connections.");
    final WhyAnswered second = new WhyAnswered(ID, 2, "Why did it refuse them?", "The pool limit was reached.");

    @Test
    void answersStepsInOrder() {
        fixture.given(history())
               .when(new AnswerWhy(ID, null, 1, "Why did checkout fail?", "The database refused connections."))
               .expectEvents(first);
        fixture.given(history(first))
               .when(new AnswerWhy(ID, null, 2, "Why did it refuse them?", "The pool limit was reached."))
               .expectEvents(second);
    }

    @Test
    void stepsCannotSkipAhead() {
        fixture.given(history(first))
               .when(new AnswerWhy(ID, null, 3, "Why?", "Because."))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("step 2"));
        fixture.given(history())
               .when(new AnswerWhy(ID, null, 0, "Why?", "Because."))
               .expectException(InvalidValueException.class);
    }

    @Test
    void reAnsweringAStepReplacesItAndTheSameAnswerIsANoOp() {
        fixture.given(history(first, second))
               .when(new AnswerWhy(ID, null, 1, "Why did checkout fail?", "Connections were refused by the primary."))
               .expectEvents(new WhyAnswered(ID, 1, "Why did checkout fail?", "Connections were refused by the primary."));
        fixture.given(history(first, second))
               .when(new AnswerWhy(ID, null, 2, "Why did it refuse them?", "The pool limit was reached."))
               .expectNoEvents();
    }

    @Test
    void aStepNeedsQuestionAndAnswer() {
        fixture.given(history())
               .when(new AnswerWhy(ID, null, 1, "Why?", " "))
               .expectException(InvalidValueException.class);
    }

    @Test
    void onlyTheLastStepCanBeRemoved() {
        fixture.given(history(first, second))
               .when(new RemoveWhy(ID, null, 2))
               .expectEvents(new WhyRemoved(ID, 2));
        fixture.given(history(first, second))
               .when(new RemoveWhy(ID, null, 1))
               .expectException(StateConflictException.class);
        fixture.given(history(first))
               .when(new RemoveWhy(ID, null, 2))
               .expectException(UnknownPartException.class);
    }

    @Test
    void afterRemovalTheStepCanBeAnsweredAgain() {
        fixture.given(history(first, second, new WhyRemoved(ID, 2)))
               .when(new AnswerWhy(ID, null, 2, "Why was the limit reached?", "A retry storm."))
               .expectEvents(new WhyAnswered(ID, 2, "Why was the limit reached?", "A retry storm."));
    }

    @Test
    void identifiesTheRootCauseOnce() {
        fixture.given(history())
               .when(new IdentifyRootCause(ID, null, " Retries without back-off "))
               .expectEvents(new RootCauseIdentified(ID, "Retries without back-off"));
        fixture.given(history(new RootCauseIdentified(ID, "Retries without back-off")))
               .when(new IdentifyRootCause(ID, null, "Retries without back-off"))
               .expectNoEvents();
    }
}
