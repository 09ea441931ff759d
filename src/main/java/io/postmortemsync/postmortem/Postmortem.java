package io.postmortemsync.postmortem;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A postmortem as read from its document.
 *
 * @param file the document's path as shown to users (relative to the scanned folder or as given)
 * @param incidentId the front matter's incident (or id) key, the summary's Incident ID, else the file name
 * @param title the first H1 without a leading "Incident Postmortem:", or null
 * @param date the incident date, or null
 * @param severity the incident severity, or null when unknown
 * @param services the affected services in document order (may be empty)
 * @param customerImpact the customer impact text, or null
 * @param incidentTicket the incident's own tracker key ({@code OPS-42}), or null
 * @param items the valid action items in document order
 * @param incidentIdLine the 1-based line naming the incident id, 0 when it comes from the file name
 */
public record Postmortem(
        String file,
        String incidentId,
        String title,
        LocalDate date,
        Severity severity,
        List<String> services,
        String customerImpact,
        String incidentTicket,
        List<ActionItem> items,
        int incidentIdLine) {

    public Postmortem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(incidentId, "incidentId");
        services = List.copyOf(services);
        items = List.copyOf(items);
    }

    /** A postmortem whose incident id comes from its file name (or whose line does not matter). */
    public Postmortem(
            String file,
            String incidentId,
            String title,
            LocalDate date,
            Severity severity,
            List<String> services,
            String customerImpact,
            String incidentTicket,
            List<ActionItem> items) {
        this(file, incidentId, title, date, severity, services, customerImpact, incidentTicket, items, 0);
    }

    /** The incident id of a document that names none: its file name without the extension. */
    public static String idFromFileName(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        String name = file.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The first listed service, which metrics use as the {@code service} label; null when none. */
    public String primaryService() {
        return services.isEmpty() ? null : services.getFirst();
    }

    /** The same postmortem with other items (used when cross-document checks drop items). */
    public Postmortem withItems(List<ActionItem> newItems) {
        return new Postmortem(
                file,
                incidentId,
                title,
                date,
                severity,
                services,
                customerImpact,
                incidentTicket,
                newItems,
                incidentIdLine);
    }
}
