package dev.postmortem.command.web;

/** Size limits of request fields: generous for writing, small enough that no request can flood the event store. */
final class TextLimits {

    static final int TITLE = 200;
    static final int NAME = 200;
    static final int SHORT_TEXT = 5_000;
    static final int LONG_TEXT = 20_000;
    static final int LABEL = 100;
    static final int LABELS = 50;
    static final int URL = 2_000;

    private TextLimits() {
    }
}
