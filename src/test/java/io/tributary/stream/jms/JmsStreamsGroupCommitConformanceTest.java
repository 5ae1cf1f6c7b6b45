package io.tributary.stream.jms;

import io.tributary.stream.GroupCommit;
import io.tributary.stream.ProducerOptions;

import java.time.Duration;

/**
 * The JMS streams against the same conformance suites with group commit on for every producer and publisher:
 * sends gathered into transactions of up to 100, lingering 5 ms, must keep every promise of a confirmed send.
 */
class JmsStreamsGroupCommitConformanceTest extends JmsStreamsConformanceTest {

    @Override
    protected ProducerOptions producerOptions() {
        return ProducerOptions.DEFAULTS.withGroupCommit(new GroupCommit(100, Duration.ofMillis(5)));
    }
}
