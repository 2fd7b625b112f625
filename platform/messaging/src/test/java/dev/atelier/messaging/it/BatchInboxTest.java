package dev.atelier.messaging.it;

/**
 * Every delivery promise again with the consumer in batch mode (a poll applied in one transaction, one by one
 * when a record fails). It continues the consumer group of {@link OutboxToInboxTest}, so it starts after the
 * records that class left on the topic.
 */
class BatchInboxTest extends OutboxToInboxTest {

    @Override
    boolean batchInbox() {
        return true;
    }
}
