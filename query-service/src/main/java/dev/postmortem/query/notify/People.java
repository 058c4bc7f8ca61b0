package dev.postmortem.query.notify;

import dev.postmortem.kit.security.Contacts;
import dev.postmortem.kit.security.Contacts.Contact;
import dev.postmortem.kit.security.SecurityProperties;
import dev.postmortem.query.security.Viewer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who can be reached, and how: the local users as {@code postmortem.security.users} lists them (with their
 * {@code email} and {@code chat}), and the people who signed in with a token — their e-mail and chat claims and groups,
 * remembered in {@code notify_people} when they use the API (the issuer tells nothing about people who never came).
 * <p>
 * A stakeholder or countermeasure owner is linked to a person when its name is the person's user name or e-mail
 * address (case aside). Whether a person may see a post-mortem is decided as for a reader: by name and groups.
 */
@Component
public class People {

    static final String COLLECTION = "notify_people";

    private final SecurityProperties security;
    private final MongoTemplate mongo;
    private final Clock clock;
    /** What was last stored per person, so that a request writes only when a claim changed. */
    private final Map<String, Contact> remembered = new ConcurrentHashMap<>();

    People(SecurityProperties security, MongoTemplate mongo, Clock clock) {
        this.security = security;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Remembers a token's bearer (a local user is known from the configuration already). */
    public void remember(Contact contact) {
        if (Contacts.local(contact.name(), security).isPresent() || contact.equals(remembered.get(contact.name()))) {
            return;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(contact.name())),
                new Update().set("groups", contact.groups()).set("email", contact.email()).set("chat", contact.chat())
                            .set("emailLower", contact.email() == null ? null : contact.email().toLowerCase(Locale.ROOT))
                            .set("seenAt", clock.instant()), COLLECTION);
        remembered.put(contact.name(), contact);
    }

    /** The person of this user name. */
    public Optional<Contact> named(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Optional<Contact> local = Contacts.local(name, security);
        if (local.isPresent()) {
            return local;
        }
        return Optional.ofNullable(mongo.findById(name, Document.class, COLLECTION)).map(People::contact);
    }

    /**
     * The person a stakeholder's or owner's name links to: a user of that name, else the one with that e-mail address.
     * An address nobody has is still a way to reach someone, but not someone whose groups are known: it is returned as
     * a contact without name, and {@link #maySee} lets it see only open post-mortems.
     */
    public Optional<Contact> linkedTo(String stakeholderOrOwner) {
        if (stakeholderOrOwner == null || stakeholderOrOwner.isBlank()) {
            return Optional.empty();
        }
        String value = stakeholderOrOwner.strip();
        Optional<Contact> byName = named(value);
        if (byName.isPresent()) {
            return byName;
        }
        if (!Contacts.isAddress(value)) {
            return Optional.empty();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        Optional<Contact> local = security.users().stream().filter(user -> user.email() != null && user.email().toLowerCase(Locale.ROOT).equals(lower))
                                          .findFirst().map(user -> new Contact(user.name(), user.groups(), user.email(), user.chat()));
        if (local.isPresent()) {
            return local;
        }
        Document known = mongo.findOne(Query.query(Criteria.where("emailLower").is(lower)), Document.class, COLLECTION);
        return Optional.of(known != null ? contact(known) : new Contact(null, List.of(), value, null));
    }

    /** Everyone known to be in one of these groups. */
    public List<Contact> inGroups(Collection<String> groups) {
        Map<String, Contact> members = new LinkedHashMap<>();
        security.users().stream().filter(user -> user.groups().stream().anyMatch(groups::contains))
                .forEach(user -> members.put(user.name(), new Contact(user.name(), user.groups(), user.email(), user.chat())));
        mongo.find(Query.query(Criteria.where("groups").in(groups)), Document.class, COLLECTION)
             .forEach(document -> members.putIfAbsent(document.getString("_id"), contact(document)));
        return new ArrayList<>(members.values());
    }

    /** Open post-mortems to anyone; restricted ones only to a known person it names, or one of whose groups it names. */
    public static boolean maySee(Contact contact, List<String> visibleTo) {
        if (visibleTo == null || visibleTo.isEmpty()) {
            return true;
        }
        return contact.name() != null && new Viewer(contact.name(), contact.groups(), false).maySee(visibleTo);
    }

    private static Contact contact(Document document) {
        List<String> groups = document.getList("groups", String.class, List.of());
        return new Contact(document.getString("_id"), groups.stream().filter(Objects::nonNull).toList(),
                document.getString("email"), document.getString("chat"));
    }
}
