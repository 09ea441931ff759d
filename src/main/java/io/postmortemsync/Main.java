package io.postmortemsync;

import io.postmortemsync.cli.PostmortemSyncCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/** Entry point: {@code java -jar postmortem-sync.jar [--config FILE] COMMAND [options]}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(PostmortemSyncCommand.execute(
                args,
                new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true),
                new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true)));
    }
}
