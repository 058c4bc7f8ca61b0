package dev.postmortem.query.export;

import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A free-text section of the export (summary, remediation, additional info, root cause), kept as the author wrote it
 * — paragraphs, lists, emphasis, code — but made safe to render, by parsing it with a real CommonMark parser and
 * writing the tree back:
 * <ul>
 *   <li>links only to http, https and mailto; any other ({@code javascript:}, {@code data:}, relative) keeps its text
 *       and loses the link;</li>
 *   <li>no image is fetched by whoever renders the document (a remote image is a tracking beacon): an http(s) image
 *       becomes a link to it, unless {@code postmortem.query.export-remote-images} allows them; any other becomes its
 *       alt text;</li>
 *   <li>each section is parsed on its own and written back with its code fences closed, so an unclosed fence cannot
 *       swallow the sections after it;</li>
 *   <li>a heading in the text becomes a paragraph (it cannot open a section of the template), raw HTML becomes text.</li>
 * </ul>
 */
final class FreeText {

    private static final Parser PARSER = Parser.builder().build();
    private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder().build();
    private static final Set<String> LINKABLE = Set.of("http", "https", "mailto");
    private static final Set<String> FETCHABLE = Set.of("http", "https");

    /** What {@link #render} rewrites. */
    private static final List<Class<? extends Node>> REWRITTEN = List.of(Heading.class, HtmlBlock.class, HtmlInline.class,
            Link.class, Image.class, LinkReferenceDefinition.class);

    private FreeText() {
    }

    /** Every node below {@code node} that is rewritten, in document order: a link inside a heading is found too. */
    private static void collect(Node node, List<Node> found) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (rewritten(child)) {
                found.add(child);
            }
            collect(child, found);
        }
    }

    private static boolean rewritten(Node node) {
        return REWRITTEN.stream().anyMatch(kind -> kind.isInstance(node));
    }

    static String render(String text, boolean remoteImages) {
        Node document = PARSER.parse(text);
        List<Node> found = new ArrayList<>();
        collect(document, found);
        for (Node node : found) {
            if (node instanceof Heading heading) {
                replaceWithChildren(heading, new Paragraph());
            } else if (node instanceof HtmlBlock html) {
                node.insertBefore(textParagraph(html.getLiteral()));
                node.unlink();
            } else if (node instanceof HtmlInline html) {
                node.insertBefore(new Text(html.getLiteral()));
                node.unlink();
            } else if (node instanceof Link link && !LINKABLE.contains(scheme(link.getDestination()))) {
                unwrap(link);
            } else if (node instanceof Image image) {
                if (FETCHABLE.contains(scheme(image.getDestination()))) {
                    if (!remoteImages) {
                        replaceWithChildren(image, new Link(image.getDestination(), image.getTitle()));
                    }
                } else {
                    unwrap(image);
                }
            } else if (node instanceof LinkReferenceDefinition) {
                node.unlink();
            }
        }
        return RENDERER.render(document).strip();
    }

    private static String scheme(String destination) {
        try {
            String scheme = new URI(destination.strip()).getScheme();
            return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException | NullPointerException e) {
            return "";
        }
    }

    private static Node textParagraph(String literal) {
        Paragraph paragraph = new Paragraph();
        String[] lines = literal.strip().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                paragraph.appendChild(new SoftLineBreak());
            }
            paragraph.appendChild(new Text(lines[i]));
        }
        return paragraph;
    }

    /** Puts the node's children into {@code replacement}, in its place. */
    private static void replaceWithChildren(Node node, Node replacement) {
        moveChildren(node, replacement);
        node.insertBefore(replacement);
        node.unlink();
    }

    /** Puts the node's children in its place: a link's text without the link. */
    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }

    private static void moveChildren(Node from, Node to) {
        Node child = from.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            to.appendChild(child);
            child = next;
        }
    }
}
