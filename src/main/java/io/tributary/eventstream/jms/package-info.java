/**
 * The {@link io.tributary.eventstream.EventStream} on ActiveMQ Artemis:
 * {@link io.tributary.eventstream.jms.JmsEventStream}, shared by every application instance that opens
 * the same stream identity on the same broker.
 *
 * <h2>Design</h2>
 * Four durable queues per stream ({@code tributary.events.<owner>.<name>.intake|retained|head|invalid}):
 * <ol>
 *   <li><b>Append</b>: one persistent bytes message per {@code append} call on the <em>intake</em> queue,
 *       carrying all its events and a duplicate-detection id ({@code _AMQ_DUPL_ID}). The send is
 *       blocking, so {@code append} returns once the broker has journaled it. A failed send is resent with
 *       the same id, so the broker drops it if the first one got through.</li>
 *   <li><b>Sequence</b>: every instance runs a {@code Sequencer} consuming intake; intake is an Artemis
 *       <em>exclusive</em> queue, so exactly one consumer (the active sequencer) receives at a time and
 *       the next one takes over when it goes. In one local transaction the active sequencer receives up
 *       to 1,000 events' worth of appends, reads the next offset from the <em>head</em> queue, sends each
 *       event with its offset to the <em>retained</em> queue, sends the new head and commits (which also
 *       removes the appends from intake). An intake message that is not an append (a foreign producer's)
 *       is moved to <em>invalid</em> in the same transaction instead of blocking the stream.</li>
 *   <li><b>Read</b>: <em>retained</em> is <em>non-destructive</em> (consuming removes nothing; every
 *       consumer reads it from its start) and a <em>ring</em> of {@code Retention.maxEvents()} messages;
 *       events carry a time-to-live of {@code Retention.maxAge()} if set. A cursor is a consumer with the
 *       selector {@code tributary_offset >= start}; {@code open} first compares the start with the first
 *       retained offset, which is the head less the retained message count.</li>
 * </ol>
 *
 * <h2>Why the guarantees hold</h2>
 * <ul>
 *   <li><b>Durable on return</b>: a blocking persistent send returns after the broker journaled the
 *       intake message; it stays there until a sequencer commits it onward, across broker and
 *       application restarts.</li>
 *   <li><b>One total order, dense offsets, no duplicates</b>: offsets are given only by the active
 *       sequencer, and only inside a transaction that also moves the head and removes the appends from
 *       intake. Either all of that commits or none of it. The head is read after the sequencer received an
 *       intake message, that is while it is the exclusive consumer (the broker switches consumers only
 *       after the previous one's session ended, which rolls back or has committed its transaction), so it
 *       is never stale. As a second fence, every retained event carries the duplicate-detection id
 *       {@code <stream>@<offset>}: a transaction that would write an offset twice is rolled back by the
 *       broker.</li>
 *   <li><b>Atomic appends</b>: one append is one intake message, sequenced whole inside one transaction,
 *       so its events get consecutive offsets, all or none.</li>
 *   <li><b>The sequencer dies mid-append</b> (crash, kill, lost connection): the broker ends its session
 *       and rolls its transaction back: the events it had sent to retained vanish, the head stays, and its
 *       appends go back to the front of intake in their order. The next instance's sequencer becomes the
 *       exclusive consumer, reads the head (the offsets recovered from what was committed) and gives the
 *       same offsets to the same appends. Nothing is lost, doubled or reordered;
 *       {@code JmsEventStreamFailureTest} kills the active sequencer's connection between two sends of one
 *       transaction while other instances append, and checks exactly that.</li>
 *   <li><b>Retention</b>: the broker drops the oldest retained messages (ring size) or expired ones (time
 *       to live); offsets never change, so a cursor sees a gap, reported as {@code Truncated}. The head
 *       is a last-value queue without expiry, so the next offset survives even when every event expired.</li>
 *   <li><b>Reading in order</b>: the retained queue holds events in commit order, which is offset order; a
 *       consumer receives them in queue order. After a failover the client re-creates the consumer, which
 *       delivers again from the selector's start; the cursor skips what it already read.</li>
 * </ul>
 *
 * <h2>Costs and limits</h2>
 * Appends become visible to cursors after the sequencer's next transaction (milliseconds). Opening at
 * offset n makes the broker run the selector over the retained messages below n. A cursor's client
 * prefetches up to the consumer window (1 MiB by default), so a cursor may return events retention
 * dropped on the broker after they were prefetched; that never produces a gap. The retained address is
 * kept out of paging (a non-destructive queue cannot deliver paged messages), through management
 * address settings applied at start-up, so {@code maxEvents} events must fit in broker memory; if the
 * broker runs short, sequencing fails and is retried while appends wait on intake. Queues are declared
 * through Artemis management over plain JMS ({@code manage} permission) if they do not exist, so every
 * connection mode works, the server's resource adapter included; retention set at creation stays until an
 * operator changes the ring size. An instance whose connection fails without a reconnecting factory
 * must be closed and opened again; with {@code reconnectAttempts=-1} it carries on by itself.
 */
package io.tributary.eventstream.jms;
