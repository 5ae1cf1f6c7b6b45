package io.tributary.metrics;

/**
 * How many producers and consumers of one stream are open now (through {@link MeteredStreams}).
 *
 * @param stream    the stream
 * @param producers open producers
 * @param consumers open consumers
 */
public record StreamUse(String stream, int producers, int consumers) {

    /** Whether anything uses the stream. */
    public boolean inUse() {
        return producers > 0 || consumers > 0;
    }
}
