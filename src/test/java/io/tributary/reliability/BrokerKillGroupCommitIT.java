package io.tributary.reliability;

import io.tributary.stream.GroupCommit;
import io.tributary.stream.ProducerOptions;

import java.time.Duration;

/**
 * Scenario 1 ({@link BrokerKillIT}) with a group-commit producer (transactions of up to 100, no linger): three
 * {@code kill -9} of the broker lose nothing and route no resend twice. A transaction caught by a kill fails its
 * sends, which the producer resends with the same ids.
 */
class BrokerKillGroupCommitIT extends BrokerKillIT {

    @Override
    protected ProducerOptions producerOptions() {
        return ProducerOptions.DEFAULTS.withGroupCommit(new GroupCommit(100, Duration.ZERO));
    }

    @Override
    protected String scenarioName() {
        return "broker-kill-9-group-commit";
    }
}
