package io.postmortemsync.doctor;

import io.postmortemsync.config.Config;
import java.util.List;

/**
 * One family of {@code doctor} checks (the tracker, the git source, ...). The doctor command runs
 * every provider in turn and prints their results in order.
 */
@FunctionalInterface
public interface CheckProvider {

    /**
     * Checks this part of the configuration against the outside world. Never throws for a problem
     * it can describe: a problem is a failed {@link CheckResult} with what to fix.
     *
     * @return the results in the order they were checked; empty when the configuration does not
     *     use this part (e.g. no git source)
     */
    List<CheckResult> check(Config config);
}
