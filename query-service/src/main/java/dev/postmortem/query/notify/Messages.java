package dev.postmortem.query.notify;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.ReviewApproved;
import dev.postmortem.api.event.ReviewCommentAdded;
import dev.postmortem.api.event.ChangesRequested;
import dev.postmortem.api.event.ReviewerAssigned;
import dev.postmortem.api.value.ReviewerKind;
import dev.postmortem.kit.security.Contacts.Contact;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.stream.EventEnvelope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which messages an event makes, and for whom — given the post-mortem as it is after the event:
 * <ul>
 *   <li>published → an announcement to every configured webhook (open post-mortems only: a channel is read by
 *       anyone) and an e-mail to every stakeholder who may see it;</li>
 *   <li>a reviewer assigned → that person, or the known members of that group;</li>
 *   <li>a review comment → the author, whoever submitted it for review and everyone who wrote in the thread;</li>
 *   <li>approved or changes requested → the author and whoever submitted it;</li>
 *   <li>a countermeasure assigned → its owner.</li>
 * </ul>
 * Never the person who caused the event, never anyone without an address, and for a restricted post-mortem never
 * anyone it does not name (fail closed: an address whose person is unknown counts as not named).
 */
final class Messages {

    private final NotifyProperties properties;
    private final People people;
    private final Letters letters;

    Messages(NotifyProperties properties, People people, Letters letters) {
        this.properties = properties;
        this.people = people;
        this.letters = letters;
    }

    List<Notification> of(EventEnvelope envelope, byte[] cloudEvent, PostMortemView view) {
        PostMortemEvent event = envelope.event();
        List<Notification> messages = new ArrayList<>();
        if (event instanceof PostMortemPublished) {
            if (open(view)) {
                for (NotifyProperties.Webhook webhook : properties.webhooks()) {
                    messages.add(webhook.format() == NotifyProperties.Format.SLACK
                            ? Notification.webhook(envelope.eventId(), view.id, "announcement", webhook.url().toString(),
                            letters.slackAnnouncement(view, chatHandles(view)), "application/json")
                            : Notification.webhook(envelope.eventId(), view.id, "announcement", webhook.url().toString(),
                            new String(cloudEvent, StandardCharsets.UTF_8), "application/cloudevents+json"));
                }
            }
            Map<String, Contact> stakeholders = new LinkedHashMap<>();
            view.stakeholders.forEach(s -> people.linkedTo(s.name).ifPresent(c -> stakeholders.putIfAbsent(key(c), c)));
            emails(envelope, view, "announcement", stakeholders.values(), letters.announcement(view), messages);
        } else if (event instanceof ReviewerAssigned e) {
            List<Contact> reviewers = e.kind() == ReviewerKind.GROUP ? people.inGroups(List.of(e.reviewer()))
                    : people.named(e.reviewer()).stream().toList();
            emails(envelope, view, "review-requested", reviewers, letters.reviewRequested(view, envelope.actor(), e), messages);
        } else if (event instanceof ReviewCommentAdded e) {
            PostMortemView.Comment comment = view.review.comments.stream().filter(c -> c.id.equals(e.commentId())).findFirst().orElse(null);
            if (comment != null) {
                Set<String> concerned = new LinkedHashSet<>(authors(view));
                view.review.comments.stream().filter(c -> Objects.equals(c.thread, comment.thread)).forEach(c -> concerned.add(c.by));
                emails(envelope, view, "review-comment", named(concerned), letters.comment(view, comment), messages);
            }
        } else if (event instanceof ReviewApproved e) {
            emails(envelope, view, "review-approved", named(authors(view)), letters.verdict(view, e.reviewer(), true, e.note()), messages);
        } else if (event instanceof ChangesRequested e) {
            emails(envelope, view, "changes-requested", named(authors(view)), letters.verdict(view, e.reviewer(), false, e.note()), messages);
        } else if (event instanceof CountermeasureAssigned e) {
            view.countermeasures.stream().filter(c -> c.id.equals(e.countermeasureId())).findFirst().ifPresent(countermeasure ->
                    emails(envelope, view, "countermeasure-assigned", people.linkedTo(e.owner()).stream().toList(),
                            letters.assigned(view, countermeasure), messages));
        }
        messages.forEach(message -> message.visibleTo = open(view) ? null : List.copyOf(view.visibleTo));
        return messages;
    }

    /** The e-mails to these people: each once, not to the actor, not to anyone without an address or who may not see it. */
    private void emails(EventEnvelope envelope, PostMortemView view, String kind, Iterable<Contact> to, Letters.Letter letter,
                        List<Notification> messages) {
        Set<String> addresses = new LinkedHashSet<>();
        for (Contact contact : to) {
            if (contact.email() == null || Objects.equals(contact.name(), envelope.actor()) || !People.maySee(contact, view.visibleTo)
                    || !addresses.add(contact.email().toLowerCase(Locale.ROOT))) {
                continue;
            }
            messages.add(Notification.email(envelope.eventId(), view.id, kind, contact.email(), contact.name(), letter.subject(),
                    letter.text(), letter.html()));
        }
    }

    private List<Contact> named(Set<String> names) {
        return names.stream().map(people::named).flatMap(Optional::stream).toList();
    }

    /** Who wrote it and who asked for the review. */
    private static Set<String> authors(PostMortemView view) {
        Set<String> authors = new LinkedHashSet<>();
        if (view.createdBy != null) {
            authors.add(view.createdBy);
        }
        if (view.review.submittedBy != null) {
            authors.add(view.review.submittedBy);
        }
        return authors;
    }

    /** Stakeholders' chat handles, to mention in a chat announcement (open post-mortems only reach a channel). */
    private List<String> chatHandles(PostMortemView view) {
        return view.stakeholders.stream().map(s -> people.linkedTo(s.name)).flatMap(Optional::stream)
                                .map(Contact::chat).filter(Objects::nonNull).distinct().toList();
    }

    private static String key(Contact contact) {
        return contact.name() != null ? "user:" + contact.name() : "address:" + contact.email().toLowerCase(Locale.ROOT);
    }

    static boolean open(PostMortemView view) {
        return view.visibleTo == null || view.visibleTo.isEmpty();
    }
}
