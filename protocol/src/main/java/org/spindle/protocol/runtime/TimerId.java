package org.spindle.protocol.runtime;

/** A handle to a scheduled timer, used only to cancel it. Unique within one runtime. */
public record TimerId(long value) {}
