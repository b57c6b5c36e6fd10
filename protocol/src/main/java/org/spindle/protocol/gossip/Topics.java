package org.spindle.protocol.gossip;

/**
 * Topic names are 1..64 characters of {@code [a-z0-9._/-]}: ASCII, so their UTF-8 length is their
 * character count and encoded sizes are computed without encoding.
 */
final class Topics {
    static final int MAX_LENGTH = 64;

    private Topics() {}

    static String check(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a topic has 1.." + MAX_LENGTH + " characters: " + topic);
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/'
                    || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("topic has a character outside [a-z0-9._/-]: " + topic);
            }
        }
        return topic;
    }
}
