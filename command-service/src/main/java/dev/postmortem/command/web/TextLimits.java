package dev.postmortem.command.web;

/**
 * Size limits of request fields: generous for writing, small enough that no request can flood the event store.
 * Each text has a cap in characters (what a person sees) and one in UTF-8 bytes (what storage holds): twice the
 * character cap, so any text of Latin script fits its character cap, and text of three-byte scripts (CJK) two
 * thirds of it. The whole post-mortem is bounded besides, by the aggregate (see Bounds.MAX_TEXT_BYTES in domain).
 */
public final class TextLimits {

    public static final int TITLE = 200;
    public static final int TITLE_BYTES = 2 * TITLE;
    public static final int NAME = 200;
    public static final int NAME_BYTES = 2 * NAME;
    public static final int SHORT_TEXT = 5_000;
    public static final int SHORT_TEXT_BYTES = 2 * SHORT_TEXT;
    public static final int LONG_TEXT = 20_000;
    public static final int LONG_TEXT_BYTES = 2 * LONG_TEXT;
    public static final int LABEL = 100;
    public static final int LABEL_BYTES = 2 * LABEL;
    public static final int LABELS = 50;
    public static final int URL = 2_000;
    public static final int URL_BYTES = URL;

    private TextLimits() {
    }
}
