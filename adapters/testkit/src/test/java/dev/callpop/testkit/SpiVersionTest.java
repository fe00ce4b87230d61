package dev.callpop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CrmAdapter;

/** The SPI's declared version and the version its module is published at say the same. */
class SpiVersionTest {

    @Test
    void theSpiModuleIsPublishedAtTheVersionTheSpiDeclares() throws IOException {
        String module = Files.readString(Path.of("..", "spi", "pom.xml"));
        Matcher published = Pattern.compile("<artifactId>callpop-adapter-spi</artifactId>\\s*(?:<!--.*?-->\\s*)?<version>([^<]+)</version>",
                Pattern.DOTALL).matcher(module);
        assertThat(published.find()).as("adapters/spi/pom.xml has a version of its own").isTrue();
        assertThat(published.group(1)).startsWith(CrmAdapter.SPI_VERSION + ".");

        String reactor = Files.readString(Path.of("..", "pom.xml"));
        Matcher managed = Pattern.compile("<callpop\\.spi\\.version>([^<]+)</callpop\\.spi\\.version>").matcher(reactor);
        assertThat(managed.find()).as("adapters/pom.xml sets callpop.spi.version").isTrue();
        assertThat(managed.group(1)).as("the version adapters depend on").isEqualTo(published.group(1));
    }
}
