package dev.postmortem.api.event;

import dev.postmortem.api.value.RevisitVerdict;
import org.axonframework.serialization.Revision;

/** A completed countermeasure was revisited: does it still take effect? */
@Revision("1")
public record CountermeasureRevisited(String postMortemId,
                                      String countermeasureId,
                                      RevisitVerdict verdict,
                                      String note) implements PostMortemEvent {
}
