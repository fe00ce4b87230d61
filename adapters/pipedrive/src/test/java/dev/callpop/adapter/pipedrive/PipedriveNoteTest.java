package dev.callpop.adapter.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.CallResult;

/** The note's HTML for Pipedrive, and the plain text read back from it; the activity's duration. */
class PipedriveNoteTest {

    @Test
    void everyCharacterThatCouldBeMarkupIsEscapedAndNewlinesAreBreaks() {
        assertThat(PipedriveNote.escape("<a href=\"x\" onclick='y'>&</a>\nnext\r\nlast"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;<br>next<br>last");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "&amp; stays &amp;", "&lt;br&gt; and <br>", "<br>", "a\n\nb", "'\"<>&", "&#39;", "\n", ""})
    void unescapingReversesEscapingExactly(String text) {
        assertThat(PipedriveNote.unescape(PipedriveNote.escape(text))).isEqualTo(text);
    }

    @Test
    void markupPipedriveAddedIsNotTakenForTheClientsText() {
        assertThat(PipedriveNote.unescape("<b>bold</b> &nbsp;")).isEqualTo("<b>bold</b> &nbsp;");
    }

    @Test
    void theRecordingAndResultAreLinesAfterTheText() {
        PipedriveNote note = new PipedriveNote("Call back", URI.create("https://r.example.com/1?a=1&b=2"), CallResult.MISSED);
        assertThat(note.html()).isEqualTo("Call back<br>Recording: https://r.example.com/1?a=1&amp;b=2<br>Result: missed");
    }

    @Test
    void aNoteWithNothingToSayIsNotWritten() {
        assertThat(new PipedriveNote(null, null, null).html()).isNull();
    }

    @Test
    void aNoteReadsBackAsWritten() {
        PipedriveNote note = new PipedriveNote("Result: mine\nRecording: https://not.ours.example\nend",
                URI.create("https://r.example.com/1"), CallResult.VOICEMAIL);
        assertThat(PipedriveNote.parse(note.html())).isEqualTo(note);
    }

    @Test
    void aTextWhoseLastLineLooksLikeCallpopsIsKeptWhenItIsNoResult() {
        assertThat(PipedriveNote.parse("Notes<br>Result: call back tomorrow")).isEqualTo(new PipedriveNote("Notes\nResult: call back tomorrow", null, null));
    }

    @Test
    void anActivityWithoutANoteHasNone() {
        assertThat(PipedriveNote.parse(null)).isEqualTo(new PipedriveNote(null, null, null));
    }

    @Test
    void aDurationIsHoursAndMinutesAStartedMinuteCountingWhole() {
        assertThat(PipedriveCallLogs.duration(Duration.ofMinutes(75))).isEqualTo("01:15");
        assertThat(PipedriveCallLogs.duration(Duration.ofSeconds(61))).isEqualTo("00:02");
        assertThat(PipedriveCallLogs.duration(Duration.ZERO)).isEqualTo("00:00");
        assertThat(PipedriveCallLogs.duration((Duration) null)).isNull();
    }

    @Test
    void pipedrivesDurationReadsBack() {
        assertThat(PipedriveCallLogs.duration("01:15")).isEqualTo(Duration.ofMinutes(75));
        assertThat(PipedriveCallLogs.duration("00:01:30")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PipedriveCallLogs.duration("")).isNull();
        assertThat(PipedriveCallLogs.duration("soon")).isNull();
    }
}
