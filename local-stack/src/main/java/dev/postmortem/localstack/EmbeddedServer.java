package dev.postmortem.localstack;

import java.util.Properties;

/** One of the servers the local stack runs in this JVM: where it answers, and how it stops. */
interface EmbeddedServer extends AutoCloseable {

    /** Where clients reach it, as {@link dev.postmortem.localstack.client.LocalStackAddresses} keys. */
    Properties addresses();
}
