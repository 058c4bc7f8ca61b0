package dev.postmortem.command.domain;

/** Sizes of text as storage sees them: UTF-8 bytes, counted without encoding. */
public final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 length of {@code text}; a lone surrogate counts as the three bytes of the replacement character; 0 for null. */
    public static long length(CharSequence text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
