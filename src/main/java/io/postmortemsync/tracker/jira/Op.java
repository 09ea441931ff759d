package io.postmortemsync.tracker.jira;

/** The fixed operation names reported to {@link io.postmortemsync.tracker.TrackerRequestObserver}. */
enum Op {
    CREATE("create"),
    SEARCH("search"),
    READ("read"),
    LINK("link"),
    REMOTE_LINK("remote_link"),
    USER("user"),
    SERVER_INFO("server_info"),
    METADATA("metadata");

    private final String label;

    Op(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
