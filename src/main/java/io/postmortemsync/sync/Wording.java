package io.postmortemsync.sync;

import io.postmortemsync.config.TrackerConfig;
import io.postmortemsync.sync.ItemPlan.Decision;
import io.postmortemsync.sync.ItemPlan.LinkNeed;
import io.postmortemsync.tracker.NewTicket;

/** The one-line details of report actions. */
final class Wording {

    private Wording() {}

    static String createDetail(TrackerConfig config, NewTicket request) {
        TrackerConfig.TypeRoute route = config.route(request.item().type());
        String issueType = route.issueType() != null ? route.issueType() : "ticket";
        String project = route.projectOr(config.project());
        return request.item().type().id() + " item: new " + issueType + (project != null ? " in " + project : "") + ": "
                + abbreviate(request.item().action(), 80);
    }

    static String adoptDetail(ItemPlan p, Decision.Adopt adopt) {
        String detail =
                "found by its label " + p.item().syncKey().label() + " (left by an earlier pass); not created again";
        return adopt.duplicates().isEmpty()
                ? detail
                : detail + "; also labelled: " + String.join(", ", adopt.duplicates());
    }

    static String linkDetail(TrackerConfig config, LinkNeed need) {
        return switch (need) {
            case LinkNeed.Incident i ->
                "\"" + (config.incidentLink() != null ? config.incidentLink() : "link")
                        + "\" issue link to incident ticket " + i.incidentKey();
            case LinkNeed.Document d -> "web link to the document " + d.url();
        };
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
