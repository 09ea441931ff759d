package io.postmortemsync.cli;

import io.postmortemsync.sync.PassReportFormat;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code --format text|json} (any case) for {@code plan} and {@code sync}. */
final class ReportFormatOption implements CommandLine.ITypeConverter<PassReportFormat> {

    @Override
    public PassReportFormat convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> PassReportFormat.TEXT;
            case "json" -> PassReportFormat.JSON;
            default -> throw new CommandLine.TypeConversionException("must be text or json (got \"" + value + "\")");
        };
    }
}
