package io.tributary.metrics;

/**
 * Every metric Tributary records, declared once: name, type, unit and meaning. Per-stream meters carry
 * the tag {@value #STREAM_TAG}; {@link #CONNECTION_STATE} has no tag. The metrics table in docs/observability.md is
 * printed from these declarations ({@link MetricTable}).
 */
public enum StreamMeter {

    SENT("tributary.stream.sent", Type.COUNTER, "", "Messages the broker confirmed (a `sendAll` counts each message)."),
    SEND_FAILED("tributary.stream.send.failed", Type.COUNTER, "",
            "Sends that completed exceptionally (refused, timed out, producer closed); resending them is safe."),
    RECEIVED("tributary.stream.received", Type.COUNTER, "", "Messages handed out by `receive`."),
    ACKED("tributary.stream.acked", Type.COUNTER, "", "Messages acked."),
    NACKED("tributary.stream.nacked", Type.COUNTER, "", "Messages nacked (retried or dead-lettered)."),
    DEAD_LETTERED("tributary.stream.dead.lettered", Type.COUNTER, "",
            "Nacks on a message's last attempt (`max-attempts` of the redelivery policy): moved to the dead-letter"
                    + " stream."),
    REDELIVERED("tributary.stream.redelivered", Type.COUNTER, "", "Messages received with a delivery attempt above 1."),
    SENDS_IN_FLIGHT("tributary.stream.sends.in.flight", Type.GAUGE, "",
            "Messages sent and not yet confirmed by the broker, over all producers of the stream."),
    UNSETTLED("tributary.stream.unsettled", Type.GAUGE, "",
            "Messages received and not yet acked or nacked, over all consumers of the stream."),
    BACKLOG("tributary.stream.backlog", Type.GAUGE, "",
            "Messages waiting in the stream, read from the broker at most once per"
                    + " `tributary.metrics.backlog-refresh-ms` (the last value while the broker is unreachable; -1"
                    + " before the first read)."),
    SEND_LATENCY("tributary.stream.send.latency", Type.TIMER, "seconds", "From `send` to the broker's confirmation."),
    PROCESSING_LATENCY("tributary.stream.processing.latency", Type.TIMER, "seconds",
            "From the `receive` that handed a message out to its ack or nack."),
    CONNECTION_STATE("tributary.connection.state", Type.GAUGE, "",
            "Broker connection: 2 connected, 1 the client is reconnecting, 0 failed (Tributary re-creates it with"
                    + " backoff).");

    /** The tag naming the stream of a per-stream meter. */
    public static final String STREAM_TAG = "stream";

    /** What kind of metric a meter is. */
    public enum Type {
        /** Only goes up. */
        COUNTER,
        /** A current value, read when the metrics are read. */
        GAUGE,
        /** Count and distribution (histogram) of durations. */
        TIMER
    }

    private final String metricName;
    private final Type type;
    private final String unit;
    private final String meaning;

    StreamMeter(String metricName, Type type, String unit, String meaning) {
        this.metricName = metricName;
        this.type = type;
        this.unit = unit;
        this.meaning = meaning;
    }

    /** The metric name. */
    public String metricName() {
        return metricName;
    }

    /** The metric type. */
    public Type type() {
        return type;
    }

    /** The unit, empty for counts. */
    public String unit() {
        return unit;
    }

    /** What it means. */
    public String meaning() {
        return meaning;
    }

    /** Whether the meter carries the {@value #STREAM_TAG} tag. */
    public boolean perStream() {
        return this != CONNECTION_STATE;
    }
}
