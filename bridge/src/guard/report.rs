//! The after-show report of the recognised segments: CSV and JSON for people and scripts, a
//! CMX 3600 EDL that video editors (DaVinci Resolve, Premiere) import as events on the
//! timeline, and a chapter list (YouTube's `MM:SS Title` lines). Times are stream time: from
//! the session's first recognition report.

use std::fmt::Write as _;

use crate::guard::service::Segment;

/// `HH:MM:SS.mmm`.
pub fn clock(ms: i64) -> String {
    let ms = ms.max(0);
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

/// `HH:MM:SS:FF` at `fps` frames per second (non-drop).
pub fn timecode(ms: i64, fps: u32) -> String {
    let ms = ms.max(0);
    let frames = ms * i64::from(fps) / 1000;
    let f = i64::from(fps);
    format!("{:02}:{:02}:{:02}:{:02}", frames / (f * 3600), frames / (f * 60) % 60, frames / f % 60, frames % f)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The end of a segment, or `now` when it is still playing.
fn end(s: &Segment, now: i64) -> i64 {
    s.end_ms.unwrap_or(now).max(s.start_ms)
}

/// CSV: one row per segment.
pub fn csv(segments: &[Segment], now: i64) -> String {
    let mut out = String::from("session,track_id,title,artist,clearance,start,end,duration_s,action\n");
    for s in segments {
        let e = end(s, now);
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{:.3},{}",
            csv_field(&s.session),
            csv_field(&s.track_id),
            csv_field(&s.title),
            csv_field(&s.artist),
            s.clearance.as_str(),
            clock(s.start_ms),
            clock(e),
            (e - s.start_ms) as f64 / 1000.0,
            s.action
        );
    }
    out
}

/// A CMX 3600 EDL: one audio event per segment, the track in `FROM CLIP NAME`, the clearance and
/// action in a comment.
pub fn edl(title: &str, segments: &[Segment], now: i64, fps: u32) -> String {
    let mut out = format!("TITLE: {title}\nFCM: NON-DROP FRAME\n\n");
    for (i, s) in segments.iter().enumerate() {
        let (a, b) = (timecode(s.start_ms, fps), timecode(end(s, now), fps));
        let _ = writeln!(out, "{:03}  AX       AA     C        {a} {b} {a} {b}", i + 1);
        let name = if s.artist.is_empty() { s.title.clone() } else { format!("{} - {}", s.title, s.artist) };
        let _ = writeln!(out, "* FROM CLIP NAME: {}", name.replace(['\n', '\r'], " "));
        let _ = writeln!(out, "* COMMENT: {} - {}\n", s.clearance.as_str().to_uppercase().replace('_', " "), s.action.to_uppercase());
    }
    out
}

/// A chapter list (`H:MM:SS Title — Artist [clearance, action]`), one line per segment.
pub fn chapters(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        let t = s.start_ms.max(0) / 1000;
        let _ = writeln!(
            out,
            "{}:{:02}:{:02} {} — {} [{}, {}]",
            t / 3600,
            t / 60 % 60,
            t % 60,
            s.title,
            s.artist,
            s.clearance.as_str(),
            s.action
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::clearance::ClearanceState;

    fn seg(title: &str, start: i64, end: Option<i64>, c: ClearanceState, action: &str) -> Segment {
        Segment {
            session: "m".into(),
            track_id: "trk_1".into(),
            title: title.into(),
            artist: "Band".into(),
            clearance: c,
            start_ms: start,
            end_ms: end,
            action: action.into(),
        }
    }

    #[test]
    fn reports_are_golden() {
        let s = [
            seg("Anthem, live", 61_500, Some(125_250), ClearanceState::NotCleared, "ducked"),
            seg("Chant", 3_700_000, None, ClearanceState::Cleared, "none"),
        ];
        assert_eq!(
            csv(&s, 3_710_000),
            "session,track_id,title,artist,clearance,start,end,duration_s,action\n\
             m,trk_1,\"Anthem, live\",Band,not_cleared,00:01:01.500,00:02:05.250,63.750,ducked\n\
             m,trk_1,Chant,Band,cleared,01:01:40.000,01:01:50.000,10.000,none\n"
        );
        assert_eq!(
            edl("m", &s[..1], 0, 30),
            "TITLE: m\nFCM: NON-DROP FRAME\n\n\
             001  AX       AA     C        00:01:01:15 00:02:05:07 00:01:01:15 00:02:05:07\n\
             * FROM CLIP NAME: Anthem, live - Band\n* COMMENT: NOT CLEARED - DUCKED\n\n"
        );
        assert_eq!(chapters(&s), "0:01:01 Anthem, live — Band [not_cleared, ducked]\n1:01:40 Chant — Band [cleared, none]\n");
    }
}
