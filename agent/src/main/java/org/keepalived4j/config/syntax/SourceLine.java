package org.keepalived4j.config.syntax;

import org.keepalived4j.config.SourceLocation;

/** One line of text on its way through the pre-processor, with the file line it came from. */
record SourceLine(String text, SourceLocation where) {}
