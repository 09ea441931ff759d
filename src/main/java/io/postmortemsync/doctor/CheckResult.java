package io.postmortemsync.doctor;

import java.util.Objects;

/**
 * The outcome of one {@code doctor} check.
 *
 * @param name what was checked, e.g. "Project OPS exists"
 * @param status pass, warn or fail
 * @param detail what was found ("authenticated as Alice Smith")
 * @param fix what to change when the check did not pass, or null when it passed
 */
public record CheckResult(String name, Status status, String detail, String fix) {

    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, Status.PASS, detail, null);
    }

    public static CheckResult warn(String name, String detail, String fix) {
        return new CheckResult(name, Status.WARN, detail, fix);
    }

    public static CheckResult fail(String name, String detail, String fix) {
        return new CheckResult(name, Status.FAIL, detail, fix);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
