package dev.callpop.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class SignInIT extends SignInTest {
}
