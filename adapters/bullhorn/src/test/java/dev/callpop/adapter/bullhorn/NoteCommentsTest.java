package dev.callpop.adapter.bullhorn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallResult;

/** A call Note's text reads as Bullhorn's users see it, and reads back into its parts. */
class NoteCommentsTest {

    private static final NoteComments CALL = new NoteComments("Inbound call from +14155550100", "Wants the Boston role.",
            CallResult.ANSWERED, URI.create("https://recordings.example.com/r/1"));

    @Test
    void theSubjectNoteResultAndRecordingAreLinesOfText() {
        assertThat(CALL.text()).isEqualTo("""
                Inbound call from +14155550100
                Wants the Boston role.
                Result: answered
                Recording: https://recordings.example.com/r/1""");
    }

    @Test
    void whatCallpopWroteReadsBackIntoItsParts() {
        assertThat(NoteComments.parse(CALL.text())).usingRecursiveComparison().isEqualTo(CALL);
    }

    @Test
    void aNoteOfSeveralLinesReadsBackWhole() {
        NoteComments call = new NoteComments("Call", "First line\nResult: of the interview was good", null, null);
        assertThat(NoteComments.parse(call.text())).usingRecursiveComparison().isEqualTo(call);
    }

    @Test
    void aNoteWrittenInBullhornReadsAsASubjectAndANote() {
        NoteComments typed = NoteComments.parse("Left a voicemail\r\nResult: call back Friday\r\nRecording: none");
        assertThat(typed.subject()).isEqualTo("Left a voicemail");
        assertThat(typed.note()).isEqualTo("Result: call back Friday\nRecording: none");
        assertThat(typed.result()).isNull();
        assertThat(typed.recordingUrl()).isNull();
    }

    @Test
    void aChangeReplacesOnlyThePartsItSets() {
        NoteComments changed = CALL.with(new CallLogChange(null, CallResult.VOICEMAIL, null, null, null));
        assertThat(changed).usingRecursiveComparison().isEqualTo(new NoteComments(CALL.subject(), CALL.note(), CallResult.VOICEMAIL, CALL.recordingUrl()));
    }

    @Test
    void noCommentsReadAsNothing() {
        assertThat(NoteComments.parse(null)).usingRecursiveComparison().isEqualTo(new NoteComments(null, null, null, null));
    }
}
