package it.io.tributary.replica;

/**
 * What a replica of the test application records on the results stream ({@link #STREAM}) for each piece
 * of work it did: the kind of work ({@code work}, {@code audit}, {@code billing}, {@code appended},
 * {@code sequenced}), the replica, the message id, its key and its number. One line of text, fields
 * separated by {@code |}; {@link #parse} refuses anything else with the bad text in the message.
 */
public record Record(String kind, String replica, String id, String key, long number) {

    /** The stream every replica records on and the test reads. */
    public static final String STREAM = "replicas.results";

    /** The record as the text of a message. */
    public String text() {
        return String.join("|", kind, replica, id, key, Long.toString(number));
    }

    /** The record in {@code text}; fails naming the text if it is not five fields ending in a number. */
    public static Record parse(String text) {
        String[] fields = text.split("\\|", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("not a replica record (kind|replica|id|key|number): '" + text + "'");
        }
        try {
            return new Record(fields[0], fields[1], fields[2], fields[3], Long.parseLong(fields[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a replica record, the number is '" + fields[4] + "': '" + text + "'", e);
        }
    }
}
