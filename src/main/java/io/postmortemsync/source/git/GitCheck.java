package io.postmortemsync.source.git;

import java.util.Objects;

/**
 * One finding of {@link GitDoctor}.
 *
 * @param name what was checked, e.g. {@code git remote}
 * @param status how it went
 * @param detail what was found, naming the remote without credentials
 * @param fix what to do about it; empty when the status is OK
 */
public record GitCheck(String name, Status status, String detail, String fix) {

    public enum Status {
        OK,
        WARN,
        FAIL
    }

    public GitCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        fix = fix == null ? "" : fix;
    }

    static GitCheck ok(String name, String detail) {
        return new GitCheck(name, Status.OK, detail, "");
    }

    static GitCheck warn(String name, String detail, String fix) {
        return new GitCheck(name, Status.WARN, detail, fix);
    }

    static GitCheck fail(String name, String detail, String fix) {
        return new GitCheck(name, Status.FAIL, detail, fix);
    }
}
