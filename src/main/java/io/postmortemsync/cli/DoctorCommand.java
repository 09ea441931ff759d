package io.postmortemsync.cli;

import io.postmortemsync.config.Config;
import io.postmortemsync.doctor.CheckProvider;
import io.postmortemsync.doctor.CheckResult;
import io.postmortemsync.source.git.GitDoctor;
import io.postmortemsync.tracker.jira.JiraDoctor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doctor}: checks the configuration against the outside world, one line per check with a
 * mark and, when a check did not pass, what to fix. Exit 0 when nothing failed (warnings allowed),
 * 1 when a check failed, 2 when the configuration itself cannot be read.
 *
 * <p>Each family of checks is a {@link CheckProvider}; add a provider to {@link #PROVIDERS} to
 * extend the doctor (the git source's checks go there).
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check the configuration against Jira: reachable, authenticated, deployment, projects and "
                + "permissions, issue types and create screens, the incident link type, mapped users. One line per check; "
                + "exit 0 when none failed, 1 when one did, 2 when the configuration cannot be read.")
public final class DoctorCommand implements Callable<Integer> {

    /** Every family of checks, in the order they run. */
    static final List<CheckProvider> PROVIDERS = List.of(GitDoctor.provider(), JiraDoctor.standard());

    @ParentCommand
    PostmortemSyncCommand root;

    @Spec
    CommandSpec spec;

    /** Loads the configuration through the root command (exit 2 with every problem on a bad file). */
    private final Function<PostmortemSyncCommand, Config> configSource;

    private final List<CheckProvider> providers;

    public DoctorCommand() {
        this(PostmortemSyncCommand::loadConfig, PROVIDERS);
    }

    DoctorCommand(Function<PostmortemSyncCommand, Config> configSource, List<CheckProvider> providers) {
        this.configSource = configSource;
        this.providers = List.copyOf(providers);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Config config = configSource.apply(root);
        List<CheckResult> results = new ArrayList<>();
        for (CheckProvider provider : providers) {
            try {
                results.addAll(provider.check(config));
            } catch (RuntimeException e) {
                // A bug in one family of checks must not hide the others' results.
                results.add(CheckResult.fail(
                        provider.getClass().getSimpleName(),
                        "the check itself failed: " + e,
                        "report this as a bug in postmortem-sync"));
            }
        }
        results.forEach(r -> out.println(line(r)));
        long failed = results.stream().filter(CheckResult::failed).count();
        long warned = results.stream()
                .filter(r -> r.status() == CheckResult.Status.WARN)
                .count();
        out.println(
                failed == 0
                        ? "All " + results.size() + " checks passed"
                                + (warned == 0 ? "." : ", " + warned + " with a warning.")
                        : failed + " of " + results.size() + " checks failed"
                                + (warned == 0 ? "." : ", " + warned + " warned."));
        out.flush();
        return failed == 0 ? PostmortemSyncCommand.EXIT_OK : PostmortemSyncCommand.EXIT_FAILED;
    }

    /** {@code [PASS] name: detail}, and for warnings and failures {@code  Fix: ...} on the same line. */
    static String line(CheckResult r) {
        String mark = "[" + r.status().name() + "]";
        String text = mark + " " + r.name() + ": " + r.detail();
        if (r.status() != CheckResult.Status.PASS && r.fix() != null && !r.fix().isBlank()) {
            String fix = r.fix().strip();
            text += " Fix: " + Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + (fix.endsWith(".") ? "" : ".");
        }
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
