package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.ClearIncidentTime;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.LinkIncident;
import dev.postmortem.api.command.Publish;
import dev.postmortem.api.command.RecordMeetingDetails;
import dev.postmortem.api.command.ReplaceAffectedServices;
import dev.postmortem.api.command.ReplaceBugTickets;
import dev.postmortem.api.command.ReplaceOwningTeams;
import dev.postmortem.api.command.ReplaceTags;
import dev.postmortem.api.command.ReturnToDraft;
import dev.postmortem.api.command.SetIncidentTime;
import dev.postmortem.api.command.SetSeverity;
import dev.postmortem.api.command.SubmitForReview;
import dev.postmortem.api.command.UnlinkIncident;
import dev.postmortem.api.command.WriteDescription;
import dev.postmortem.api.value.BugTicket;
import dev.postmortem.command.web.BadRequestException;
import dev.postmortem.command.web.CommandSender.CreatedResult;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import dev.postmortem.kit.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.postmortem.command.web.TextLimits.LABEL;
import static dev.postmortem.command.web.TextLimits.LABELS;
import static dev.postmortem.command.web.TextLimits.LABEL_BYTES;
import static dev.postmortem.command.web.TextLimits.LONG_TEXT;
import static dev.postmortem.command.web.TextLimits.LONG_TEXT_BYTES;
import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;
import static dev.postmortem.command.web.TextLimits.TITLE;
import static dev.postmortem.command.web.TextLimits.TITLE_BYTES;
import static dev.postmortem.command.web.TextLimits.URL;
import static dev.postmortem.command.web.TextLimits.URL_BYTES;

/**
 * The post-mortem itself and its single-valued parts: title, meeting details, incident times, severity,
 * description, root cause, bug tickets, labels and lifecycle. Every write answers with the new version as ETag
 * and accepts If-Match.
 */
@RestController
@RequestMapping("/api/postmortems")
class PostMortemController {

    private final CommandSender sender;

    PostMortemController(CommandSender sender) {
        this.sender = sender;
    }

    /**
     * A new post-mortem, open or, with {@code restriction}, restricted from its first event on (facilitators, as for
     * restricting it later): its title is then never visible to anyone it is not restricted to.
     */
    @PostMapping
    ResponseEntity<CreatedResult> create(@Valid @RequestBody CreateRequest request, WriteContext context, Authentication user) {
        String id = UUID.randomUUID().toString();
        RestrictionController.RestrictionRequest restriction = request.restriction();
        if (restriction == null) {
            return sender.create(new CreatePostMortem(id, request.title()), id, context);
        }
        if (user.getAuthorities().stream().noneMatch(authority -> authority.getAuthority().equals("ROLE_" + Role.FACILITATOR.name())
                || authority.getAuthority().equals("ROLE_" + Role.ADMIN.name()))) {
            throw new AccessDeniedException("creating a restricted post-mortem needs the FACILITATOR role");
        }
        if (restriction.isEmpty()) {
            throw new BadRequestException("restriction", "name at least one person or group to restrict the post-mortem to");
        }
        return sender.create(new CreatePostMortem(id, request.title(), restriction.peopleOrNone(), restriction.groupsOrNone()),
                id, context);
    }

    @PutMapping("/{id}/title")
    ResponseEntity<WriteResult> changeTitle(@PathVariable String id, @Valid @RequestBody TitleRequest request, WriteContext context) {
        return sender.update(new ChangeTitle(id, context.expectedVersion(), request.title()), context);
    }

    @PutMapping("/{id}/meeting")
    ResponseEntity<WriteResult> recordMeeting(@PathVariable String id, @Valid @RequestBody MeetingRequest request, WriteContext context) {
        return sender.update(new RecordMeetingDetails(id, context.expectedVersion(), request.meetingAt(),
                request.contactPerson(), request.facilitatedBy()), context);
    }

    @PutMapping("/{id}/times/{name}")
    ResponseEntity<WriteResult> setTime(@PathVariable String id, @PathVariable String name,
                                        @Valid @RequestBody TimeRequest request, WriteContext context) {
        return sender.update(new SetIncidentTime(id, context.expectedVersion(), name, request.at()), context);
    }

    @DeleteMapping("/{id}/times/{name}")
    ResponseEntity<WriteResult> clearTime(@PathVariable String id, @PathVariable String name, WriteContext context) {
        return sender.update(new ClearIncidentTime(id, context.expectedVersion(), name), context);
    }

    @PutMapping("/{id}/severity")
    ResponseEntity<WriteResult> setSeverity(@PathVariable String id, @Valid @RequestBody SeverityRequest request, WriteContext context) {
        return sender.update(new SetSeverity(id, context.expectedVersion(), request.level()), context);
    }

    @PutMapping("/{id}/description")
    ResponseEntity<WriteResult> writeDescription(@PathVariable String id, @Valid @RequestBody DescriptionRequest request,
                                                 WriteContext context) {
        return sender.update(new WriteDescription(id, context.expectedVersion(), request.summary(), request.remediation(),
                request.additionalInfo()), context);
    }

    @PutMapping("/{id}/root-cause")
    ResponseEntity<WriteResult> identifyRootCause(@PathVariable String id, @Valid @RequestBody RootCauseRequest request,
                                                  WriteContext context) {
        return sender.update(new IdentifyRootCause(id, context.expectedVersion(), request.rootCause()), context);
    }

    @PutMapping("/{id}/bug-tickets")
    ResponseEntity<WriteResult> replaceBugTickets(@PathVariable String id, @Valid @RequestBody BugTicketsRequest request,
                                                  WriteContext context) {
        List<BugTicket> tickets = request.tickets().stream().map(t -> new BugTicket(t.reference(), t.url())).toList();
        return sender.update(new ReplaceBugTickets(id, context.expectedVersion(), tickets), context);
    }

    @PutMapping("/{id}/incident")
    ResponseEntity<WriteResult> linkIncident(@PathVariable String id, @Valid @RequestBody IncidentRequest request, WriteContext context) {
        return sender.update(new LinkIncident(id, context.expectedVersion(), request.provider(), request.incidentId(), request.url()), context);
    }

    @DeleteMapping("/{id}/incident")
    ResponseEntity<WriteResult> unlinkIncident(@PathVariable String id, WriteContext context) {
        return sender.update(new UnlinkIncident(id, context.expectedVersion()), context);
    }

    @PutMapping("/{id}/tags")
    ResponseEntity<WriteResult> replaceTags(@PathVariable String id, @Valid @RequestBody TagsRequest request, WriteContext context) {
        return sender.update(new ReplaceTags(id, context.expectedVersion(), request.tags()), context);
    }

    @PutMapping("/{id}/affected-services")
    ResponseEntity<WriteResult> replaceAffectedServices(@PathVariable String id, @Valid @RequestBody ServicesRequest request,
                                                        WriteContext context) {
        return sender.update(new ReplaceAffectedServices(id, context.expectedVersion(), request.services()), context);
    }

    @PutMapping("/{id}/owning-teams")
    ResponseEntity<WriteResult> replaceOwningTeams(@PathVariable String id, @Valid @RequestBody TeamsRequest request,
                                                   WriteContext context) {
        return sender.update(new ReplaceOwningTeams(id, context.expectedVersion(), request.teams()), context);
    }

    /** Into review, naming its reviewers (people and groups; both optional). */
    @PostMapping("/{id}/submit-for-review")
    ResponseEntity<WriteResult> submitForReview(@PathVariable String id, @Valid @RequestBody(required = false) ReviewersRequest request,
                                                WriteContext context) {
        return sender.update(request == null ? new SubmitForReview(id, context.expectedVersion())
                : new SubmitForReview(id, context.expectedVersion(), request.reviewers(), request.reviewerGroups()), context);
    }

    @PostMapping("/{id}/return-to-draft")
    ResponseEntity<WriteResult> returnToDraft(@PathVariable String id, WriteContext context) {
        return sender.update(new ReturnToDraft(id, context.expectedVersion()), context);
    }

    @PostMapping("/{id}/publish")
    ResponseEntity<WriteResult> publish(@PathVariable String id, WriteContext context) {
        return sender.update(new Publish(id, context.expectedVersion()), context);
    }

    record ReviewersRequest(@Size(max = LABELS) List<@NotNull @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String> reviewers,
                            @Size(max = LABELS) List<@NotNull @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String> reviewerGroups) {
    }

    record CreateRequest(@NotBlank @Size(max = TITLE) @Utf8Size(max = TITLE_BYTES) String title,
                         @Valid RestrictionController.RestrictionRequest restriction) {
    }

    record TitleRequest(@NotBlank @Size(max = TITLE) @Utf8Size(max = TITLE_BYTES) String title) {
    }

    record MeetingRequest(@NotNull Instant meetingAt,
                          @NotBlank @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String contactPerson,
                          @NotBlank @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String facilitatedBy) {
    }

    record TimeRequest(@NotNull Instant at) {
    }

    record SeverityRequest(@NotBlank @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String level) {
    }

    /** Full replacement: a field left out or null is cleared. */
    record DescriptionRequest(@Size(max = LONG_TEXT) @Utf8Size(max = LONG_TEXT_BYTES) String summary,
                              @Size(max = LONG_TEXT) @Utf8Size(max = LONG_TEXT_BYTES) String remediation,
                              @Size(max = LONG_TEXT) @Utf8Size(max = LONG_TEXT_BYTES) String additionalInfo) {
    }

    record RootCauseRequest(@NotNull @Size(max = LONG_TEXT) @Utf8Size(max = LONG_TEXT_BYTES) String rootCause) {
    }

    record BugTicketsRequest(@NotNull @Size(max = LABELS) List<@NotNull @Valid BugTicketRequest> tickets) {
    }

    record BugTicketRequest(@NotBlank @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String reference,
                            @NotBlank @Size(max = URL) @Utf8Size(max = URL_BYTES) String url) {
    }

    /** The incident in the paging or incident tool: {@code url} is optional (some tools have no address for one). */
    record IncidentRequest(@NotBlank @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String provider,
                           @NotBlank @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String incidentId,
                           @Size(max = URL) @Utf8Size(max = URL_BYTES) String url) {
    }

    record TagsRequest(@NotNull @Size(max = LABELS) List<@NotNull @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String> tags) {
    }

    record ServicesRequest(@NotNull @Size(max = LABELS) List<@NotNull @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String> services) {
    }

    record TeamsRequest(@NotNull @Size(max = LABELS) List<@NotNull @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String> teams) {
    }
}
