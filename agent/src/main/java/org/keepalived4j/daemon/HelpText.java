package org.keepalived4j.daemon;

/** The {@code -h} text, laid out as keepalived's: one entry per option, continuation lines aligned. */
public final class HelpText {
    private static final int COLUMN = 31;

    private HelpText() {}

    public static String render() {
        StringBuilder out = new StringBuilder("Usage: keepalived4j [OPTION...]\n");
        for (CommandLineOption option : CommandLineOption.values()) {
            String synopsis = "  -" + option.shortName() + ", --" + option.longName() + argument(option);
            out.append(synopsis);
            String[] lines = option.help().split("\n");
            out.append(" ".repeat(Math.max(1, COLUMN - synopsis.length()))).append(lines[0]).append('\n');
            for (int i = 1; i < lines.length; i++) {
                out.append(" ".repeat(COLUMN)).append(lines[i]).append('\n');
            }
        }
        return out.toString();
    }

    private static String argument(CommandLineOption option) {
        String name = option.argumentName().orElse("");
        return switch (option.argument()) {
            case NONE -> "";
            case REQUIRED -> "=" + name;
            case OPTIONAL -> "[=" + name + "]";
        };
    }
}
