package dev.postmortem.command.timeline.importing;

/**
 * A file that cannot be imported, and where: {@code where} names the line (CSV) or the entry and field
 * ({@code log_entries[3].created_at}) at fault, or {@code file} for the whole of it. Nothing of such a file is stored.
 */
public final class ImportProblem extends RuntimeException {

    private final String where;

    public ImportProblem(String where, String message) {
        super(message);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
