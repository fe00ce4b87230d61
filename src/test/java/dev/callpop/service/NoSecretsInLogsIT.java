package dev.callpop.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same test against the packaged application, which writes the same log file in the test profile. */
@QuarkusIntegrationTest
class NoSecretsInLogsIT extends NoSecretsInLogsTest {
}
