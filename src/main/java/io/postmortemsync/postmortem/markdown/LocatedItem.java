package io.postmortemsync.postmortem.markdown;

import io.postmortemsync.postmortem.ActionItem;

/** An action item and where it is in its document. */
record LocatedItem(ActionItem item, ItemPlace place) {}
