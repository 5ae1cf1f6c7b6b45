package io.tributary.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The meters of one stream and the live figures its gauges read: sends in flight, unsettled messages,
 * and how many producers and consumers use the stream now. One per stream, shared by all its producers
 * and consumers; its gauges are registered when it is created. Thread-safe.
 */
final class StreamStats {

    final Meters.Counter sent;
    final Meters.Counter sendFailed;
    final Meters.Counter received;
    final Meters.Counter acked;
    final Meters.Counter nacked;
    final Meters.Counter deadLettered;
    final Meters.Counter redelivered;
    final Meters.Timer sendLatency;
    final Meters.Timer processingLatency;
    final AtomicLong sendsInFlight = new AtomicLong();
    final AtomicLong unsettled = new AtomicLong();
    private final AtomicInteger producers = new AtomicInteger();
    private final AtomicInteger consumers = new AtomicInteger();

    StreamStats(String stream, Meters meters, LongSupplier backlog) {
        sent = meters.counter(StreamMeter.SENT, stream);
        sendFailed = meters.counter(StreamMeter.SEND_FAILED, stream);
        received = meters.counter(StreamMeter.RECEIVED, stream);
        acked = meters.counter(StreamMeter.ACKED, stream);
        nacked = meters.counter(StreamMeter.NACKED, stream);
        deadLettered = meters.counter(StreamMeter.DEAD_LETTERED, stream);
        redelivered = meters.counter(StreamMeter.REDELIVERED, stream);
        sendLatency = meters.timer(StreamMeter.SEND_LATENCY, stream);
        processingLatency = meters.timer(StreamMeter.PROCESSING_LATENCY, stream);
        meters.gauge(StreamMeter.SENDS_IN_FLIGHT, stream, sendsInFlight::get);
        meters.gauge(StreamMeter.UNSETTLED, stream, unsettled::get);
        meters.gauge(StreamMeter.BACKLOG, stream, backlog);
    }

    void opened(boolean producer) {
        (producer ? producers : consumers).incrementAndGet();
    }

    void closed(boolean producer) {
        (producer ? producers : consumers).decrementAndGet();
    }

    /** Open producers and consumers of the stream now. */
    StreamUse use(String stream) {
        return new StreamUse(stream, producers.get(), consumers.get());
    }
}
