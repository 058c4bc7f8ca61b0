package dev.postmortem.query.postmortem;

import dev.postmortem.query.failclosed.FailsClosed;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The whole current state of one post-mortem, as the {@code postmortems} collection stores it and the query API
 * returns it. A plain document: {@link PostMortemFold} builds each new state from a copy of the previous one, so a
 * stored view is never changed in place by anything but the projection.
 */
public class PostMortemView extends FailsClosed {

    @Id
    public String id;
    public String title;
    public String status;
    public Instant createdAt;
    public String createdBy;
    public Instant lastChangedAt;
    public String lastChangedBy;
    public Instant publishedAt;

    public Meeting meeting;
    /** Incident times by name: start, detect, end, first-user-impact, ... */
    public TreeMap<String, Instant> times = new TreeMap<>();
    public String severity;
    /** How often the severity was changed after its first assessment. */
    public int severityRegrades;

    public List<TimelineEntry> timeline = new ArrayList<>();
    public List<Stakeholder> stakeholders = new ArrayList<>();
    public List<Why> fiveWhys = new ArrayList<>();
    public String rootCause = "";

    public String summary = "";
    public String remediation = "";
    public String additionalInfo = "";
    public List<BugTicket> bugTickets = new ArrayList<>();
    /** Set when it was imported from an existing document: which, who brought it in and when. */
    public Imported imported;
    /** The incident it is about in the paging or incident tool, if it names one. */
    public Incident incident;
    public List<String> tags = new ArrayList<>();
    public List<String> affectedServices = new ArrayList<>();
    public List<String> owningTeams = new ArrayList<>();

    public List<Countermeasure> countermeasures = new ArrayList<>();
    /** Who reviews it, their latest verdicts and the comment threads (see {@link ReviewFold}). */
    public Review review = new Review();

    /** Set while the post-mortem is restricted: the people and groups it is restricted to. */
    public Restriction restriction;
    /**
     * While restricted: who may see it, as principals ({@code user:ana}, {@code group:security}); absent when open.
     * Copied to every document of the post-mortem (countermeasures, KPI facts, search) so each query can filter.
     */
    public List<String> visibleTo;

    @Override
    public void restrictTo(List<String> people, List<String> groups) {
        PostMortemFold.restrict(this, people, groups);
    }

    public static class Restriction {
        public List<String> people = new ArrayList<>();
        public List<String> groups = new ArrayList<>();
    }

    public static class Meeting {
        public Instant meetingAt;
        public String contactPerson;
        public String facilitatedBy;
    }

    public static class TimelineEntry {
        public String id;
        public Instant occurredAt;
        public String kind;
        public String description;
        public String effect;
        public String perspective;
        public boolean withdrawn;
        public Instant addedAt;
        public String addedBy;
        /** Set when it was imported from an incident's log: which log, and where in it. */
        public ImportSource importedFrom;
    }

    public static class ImportSource {
        /** pagerduty or csv. */
        public String source;
        /** What the importer called the log (a file name, the incident's id), if anything. */
        public String name;
        /** The entry in the log: PagerDuty's log entry id, or a CSV line. */
        public String ref;
    }

    public static class Stakeholder {
        public String id;
        public String name;
        public List<String> roles = new ArrayList<>();
    }

    public static class Why {
        public int step;
        public String question;
        public String answer;
    }

    public static class Imported {
        /** markdown */
        public String format;
        public String sourceName;
        public String sha256;
        /** Who the document says wrote it. */
        public String originalAuthor;
        public Instant at;
        public String by;
    }

    public static class Incident {
        /** The tool, lower case: pagerduty, opsgenie, … other. */
        public String provider;
        public String incidentId;
        /** Where the tool shows it; absent when it has no address. */
        public String url;
    }

    public static class BugTicket {
        public String reference;
        public String url;
    }

    public static class Countermeasure {
        public String id;
        public String title;
        public String description;
        public String priority;
        public String type;
        public String status;
        public String owner;
        public LocalDate targetDate;
        public Instant proposedAt;
        public Instant completedAt;
        public String completionNote;
        public String declinedReason;
        /** The target date for which it was announced overdue (a CountermeasureBecameOverdue event), if it was. */
        public LocalDate overdueAnnouncedFor;
        public List<Revisit> revisits = new ArrayList<>();
    }

    public static class Revisit {
        public String verdict;
        public String note;
        public Instant at;
        public String by;
    }

    public static class Review {
        /** Who last submitted it for review (they give no verdict on it), and when. */
        public String submittedBy;
        public Instant submittedAt;
        public List<Reviewer> reviewers = new ArrayList<>();
        /** Each reviewer's latest verdict, in the order they gave one; a withdrawn approval is not among them. */
        public List<Verdict> verdicts = new ArrayList<>();
        /** Every comment in the order written; a thread is its first comment and the replies naming it. */
        public List<Comment> comments = new ArrayList<>();
        /** Approvals withdrawn by a change after them: whose, and when (the latest withdrawal). */
        public List<String> withdrawnApprovals = new ArrayList<>();
        public Instant approvalsWithdrawnAt;
    }

    public static class Reviewer {
        public String name;
        /** PERSON or GROUP. */
        public String kind;
        public Instant assignedAt;
        public String assignedBy;
    }

    public static class Verdict {
        public String reviewer;
        /** APPROVED or CHANGES_REQUESTED. */
        public String verdict;
        public String note;
        public Instant at;
    }

    public static class Comment {
        public String id;
        /** The id of the thread's first comment (its own for a first comment). */
        public String thread;
        public String section;
        /** The timeline entry or countermeasure it is about, if one. */
        public String partId;
        public String text;
        public String by;
        public Instant at;
        /** On a thread's first comment: resolved, by whom and when; a reply reopens it. */
        public boolean resolved;
        public String resolvedBy;
        public Instant resolvedAt;
    }
}
