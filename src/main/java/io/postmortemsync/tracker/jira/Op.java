package io.postmortemsync.tracker.jira;

/** The fixed operation names reported to {@link io.postmortemsync.tracker.TrackerRequestObserver}. */
enum Op {
    CREATE(
            "create",
            "'Create Issues' in the project (and 'Assign Issues' to set the assignee, 'Schedule Issues' for the due date)"),
    SEARCH("search", "'Browse Projects' in the projects the daemon's tickets are in"),
    READ("read", "'Browse Projects' in the project of the ticket"),
    LINK("link", "'Link Issues' in both tickets' projects (and issue linking switched on by a Jira administrator)"),
    REMOTE_LINK("remote_link", "'Link Issues' and 'Edit Issues' in the ticket's project"),
    USER("user", "the global 'Browse users and groups' permission"),
    SERVER_INFO("server_info", "access to Jira at all (the account may be deactivated or lack application access)"),
    METADATA("metadata", "'Browse Projects' and 'Create Issues' in the project");

    private final String label;
    private final String permission;

    Op(String label, String permission) {
        this.label = label;
        this.permission = permission;
    }

    /** The Jira permission this operation needs, for the message when Jira answers 403. */
    String permission() {
        return permission;
    }

    String label() {
        return label;
    }
}
