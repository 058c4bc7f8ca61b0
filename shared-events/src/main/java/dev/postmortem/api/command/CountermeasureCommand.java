package dev.postmortem.api.command;

/** A command about one countermeasure of a post-mortem, which it names by {@link #countermeasureId()}. */
public sealed interface CountermeasureCommand extends PostMortemCommand permits
        ProposeCountermeasure, ReviseCountermeasure, AssignCountermeasure, StartCountermeasure,
        CompleteCountermeasure, DeclineCountermeasure, RevisitCountermeasure, AnnounceOverdueCountermeasure {

    String countermeasureId();
}
