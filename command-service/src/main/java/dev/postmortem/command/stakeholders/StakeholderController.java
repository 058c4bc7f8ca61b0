package dev.postmortem.command.stakeholders;

import dev.postmortem.api.command.AddStakeholder;
import dev.postmortem.api.command.ChangeStakeholderRoles;
import dev.postmortem.api.command.RemoveStakeholder;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.command.web.CommandSender.CreatedResult;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.UUID;

import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;

/** The people in the post-mortem and the roles they had in the incident. */
@RestController
@RequestMapping("/api/postmortems/{id}/stakeholders")
class StakeholderController {

    private final CommandSender sender;

    StakeholderController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CreatedResult> add(@PathVariable String id, @Valid @RequestBody StakeholderRequest request, WriteContext context) {
        String stakeholderId = UUID.randomUUID().toString();
        return sender.create(new AddStakeholder(id, context.expectedVersion(), stakeholderId, request.name(), request.roles()),
                stakeholderId, context);
    }

    @PutMapping("/{stakeholderId}")
    ResponseEntity<WriteResult> changeRoles(@PathVariable String id, @PathVariable String stakeholderId,
                                            @Valid @RequestBody RolesRequest request, WriteContext context) {
        return sender.update(new ChangeStakeholderRoles(id, context.expectedVersion(), stakeholderId, request.roles()), context);
    }

    @DeleteMapping("/{stakeholderId}")
    ResponseEntity<WriteResult> remove(@PathVariable String id, @PathVariable String stakeholderId, WriteContext context) {
        return sender.update(new RemoveStakeholder(id, context.expectedVersion(), stakeholderId), context);
    }

    record StakeholderRequest(@NotBlank @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String name, @NotEmpty Set<@NotNull StakeholderRole> roles) {
    }

    record RolesRequest(@NotEmpty Set<@NotNull StakeholderRole> roles) {
    }
}
