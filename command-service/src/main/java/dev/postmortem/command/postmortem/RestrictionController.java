package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.UnrestrictPostMortem;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static dev.postmortem.command.web.TextLimits.LABELS;
import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;

/**
 * Restricting a post-mortem to named people and groups (a security incident, personal data), and lifting it. The
 * facilitator restricting it is always among the people; everyone else stops seeing it anywhere.
 */
@RestController
class RestrictionController {

    private final CommandSender sender;

    RestrictionController(CommandSender sender) {
        this.sender = sender;
    }

    @PutMapping("/api/postmortems/{id}/restriction")
    ResponseEntity<WriteResult> restrict(@PathVariable String id, @Valid @RequestBody RestrictionRequest request, WriteContext context) {
        return sender.update(new RestrictPostMortem(id, context.expectedVersion(), request.people(), request.groups()), context);
    }

    @DeleteMapping("/api/postmortems/{id}/restriction")
    ResponseEntity<WriteResult> unrestrict(@PathVariable String id, WriteContext context) {
        return sender.update(new UnrestrictPostMortem(id, context.expectedVersion()), context);
    }

    record RestrictionRequest(@Size(max = LABELS) List<@NotNull @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String> people,
                              @Size(max = LABELS) List<@NotNull @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String> groups) {

        List<String> peopleOrNone() {
            return people == null ? List.of() : people;
        }

        List<String> groupsOrNone() {
            return groups == null ? List.of() : groups;
        }

        boolean isEmpty() {
            return peopleOrNone().isEmpty() && groupsOrNone().isEmpty();
        }
    }
}
