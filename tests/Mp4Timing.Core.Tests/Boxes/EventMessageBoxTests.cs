using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// emsg (ISO/IEC 23009-1 5.10.3.3): version 0 has scheme_id_uri, value, timescale,
    /// presentation_time_delta, event_duration, id; version 1 has timescale, presentation_time (64 bits),
    /// event_duration, id, scheme_id_uri, value; message_data fills the rest of the box.
    /// </summary>
    public class EventMessageBoxTests
    {
        [Fact]
        public void Version0()
        {
            var emsg = Single<EventMessageBox>(FullBox("emsg", 0, 0,
                CString("urn:scte:scte35:2013:bin"), CString("1"), U32(90000), U32(1000), U32(0xFFFFFFFF), U32(42), Hex("FC 30 11 00 00")));

            Assert.Equal("urn:scte:scte35:2013:bin", emsg.SchemeIdUri);
            Assert.Equal("1", emsg.Value);
            Assert.Equal(90000u, emsg.Timescale);
            Assert.Equal(1000u, emsg.PresentationTimeDelta);
            Assert.Null(emsg.PresentationTime);
            Assert.Equal(0xFFFFFFFFu, emsg.EventDuration);
            Assert.Equal(42u, emsg.Id);
            Assert.Equal(5L, emsg.MessageDataSize);
            Assert.Equal("scheme=urn:scte:scte35:2013:bin value=1 time=1000 duration=4294967295 id=42", emsg.Summary);
        }

        [Fact]
        public void Version1()
        {
            var emsg = Single<EventMessageBox>(FullBox("emsg", 1, 0,
                U32(1000), U64(0x1_0000_0000), U32(2000), U32(7), CString("https://aomedia.org/emsg/ID3"), CString(""), Hex("49 44 33")));

            Assert.Equal(1000u, emsg.Timescale);
            Assert.Equal(4_294_967_296L, emsg.PresentationTime);
            Assert.Null(emsg.PresentationTimeDelta);
            Assert.Equal(2000u, emsg.EventDuration);
            Assert.Equal(7u, emsg.Id);
            Assert.Equal("https://aomedia.org/emsg/ID3", emsg.SchemeIdUri);
            Assert.Equal("", emsg.Value);
            Assert.Equal(3L, emsg.MessageDataSize);
            Assert.Equal("scheme=https://aomedia.org/emsg/ID3 value= time=4294967296 duration=2000 id=7", emsg.Summary);
        }

        [Fact]
        public void Version0WithoutMessageData()
        {
            var emsg = Single<EventMessageBox>(FullBox("emsg", 0, 0, CString("urn:x"), CString("v"), U32(1), U32(0), U32(0), U32(0)));

            Assert.Equal(0L, emsg.MessageDataSize);
        }
    }
}
