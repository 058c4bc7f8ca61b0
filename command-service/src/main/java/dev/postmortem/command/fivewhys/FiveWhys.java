package dev.postmortem.command.fivewhys;

import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.RemoveWhy;
import dev.postmortem.api.event.RootCauseIdentified;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.event.WhyRemoved;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.PostMortemPart;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.requireRoom;
import static dev.postmortem.command.domain.Checks.required;
import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The 5 whys and the root cause they lead to, a member of the aggregate. The chain stays in order: a step is
 * answered (or re-answered) one at a time, and only the last one can be removed.
 */
public class FiveWhys extends PostMortemPart {

    /** Steps of one chain; the practice asks for five, some incidents need a few more. */
    public static final int MAX_WHYS = 20;

    private final List<Why> whys = new ArrayList<>();
    private String rootCause = "";

    @CommandHandler
    public long handle(AnswerWhy command) {
        int step = command.step();
        if (step == whys.size() + 1) {
            requireRoom("step", whys.size(), MAX_WHYS);
        }
        if (step < 1 || step > whys.size() + 1) {
            throw new InvalidValueException("step", "the 5 whys have " + whys.size()
                    + " step(s); answer one of them or step " + (whys.size() + 1) + ", not " + step);
        }
        Why why = new Why(required("question", command.question()), required("answer", command.answer()));
        if (step > whys.size() || !whys.get(step - 1).equals(why)) {
            apply(new WhyAnswered(postMortemId, step, why.question(), why.answer()));
        }
        return version();
    }

    @CommandHandler
    public long handle(RemoveWhy command) {
        int step = command.step();
        if (step < 1 || step > whys.size()) {
            throw new UnknownPartException("step", "the 5 whys have no step " + step);
        }
        if (step != whys.size()) {
            throw new StateConflictException("step", "only the last step (" + whys.size() + ") can be removed; the chain stays in order");
        }
        apply(new WhyRemoved(postMortemId, step));
        return version();
    }

    @CommandHandler
    public long handle(IdentifyRootCause command) {
        String cause = optional(command.rootCause());
        if (!cause.equals(rootCause)) {
            apply(new RootCauseIdentified(postMortemId, cause));
        }
        return version();
    }

    /** The UTF-8 size of its questions, answers and root cause, with what each step adds besides (see {@link Bounds}). */
    public long textBytes() {
        long bytes = Bounds.bytes(rootCause);
        for (Why why : whys) {
            bytes += Bounds.ENTRY_BYTES + Bounds.bytes(why.question()) + Bounds.bytes(why.answer());
        }
        return bytes;
    }

    @EventSourcingHandler
    void on(WhyAnswered event) {
        Why why = new Why(event.question(), event.answer());
        if (event.step() > whys.size()) {
            whys.add(why);
        } else {
            whys.set(event.step() - 1, why);
        }
    }

    @EventSourcingHandler
    void on(WhyRemoved event) {
        whys.remove(event.step() - 1);
    }

    @EventSourcingHandler
    void on(RootCauseIdentified event) {
        rootCause = event.rootCause();
    }

    private record Why(String question, String answer) {
        Why {
            Objects.requireNonNull(question);
            Objects.requireNonNull(answer);
        }
    }
}
