package io.tributary.stream.jms;

import io.tributary.stream.GroupCommit;
import io.tributary.stream.ProducerOptions;

import java.time.Duration;

/**
 * The broker outages of {@link JmsStreamsOutageTest} with group commit on: a group-commit producer opened before
 * an outage works after it (its committer re-opened on the new connection), closing during an outage returns,
 * and what was confirmed before is kept.
 */
class JmsStreamsGroupCommitOutageTest extends JmsStreamsOutageTest {

    @Override
    protected ProducerOptions producerOptions() {
        return ProducerOptions.DEFAULTS.withGroupCommit(new GroupCommit(100, Duration.ZERO));
    }
}
