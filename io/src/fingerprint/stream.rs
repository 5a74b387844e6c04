//! Streaming recognition (non-real-time): turns the engine's landmark stream into "now
//! playing" and "ended" events.
//!
//! [`StreamRecognizer`] keeps the landmarks of the last [`WINDOW_S`] seconds and matches them
//! against the index every [`QUERY_EVERY_S`] seconds of stream time. A match on a new track
//! reports [`RecognitionEvent::NowPlaying`]; when the playing track has not matched for
//! [`ENDED_AFTER_S`] it reports [`RecognitionEvent::Ended`]. Landmarks reach the queue
//! [`EMIT_DELAY_FRAMES`] (1.18 s) after the audio (peak decision plus the pairing zone) and a
//! match needs [`MIN_SPAN_S`] of them, so a track is reported
//! about 2.2-2.6 s after it becomes audible (measured by the live host's end-to-end test).
//!
//! Stream time is the engine's: [`LandmarkReceiver::frames_hashed`] counts the frames the
//! audio thread has hashed, so silence (no landmarks) still moves the clock and "ended" is
//! reported in audio time, whether the host runs in real time or faster. When the audio
//! thread stops calling the hasher altogether (a host stops processing, recognition is
//! switched off), the playing track ends after [`ENDED_AFTER_S`] of wall-clock time. A
//! hasher reset (the clock going back) ends the playing track and starts afresh.
//!
//! [`StreamRecognizer::spawn`] runs it on its own thread, fed by [`LandmarkReceiver`]; the
//! plugin and the live host forward the events to the bridge as `/resonance/now_playing`.
//!
//! ## Acceptance (decision 0066)
//! A live stream is queried four times a second, thousands of times an hour, each window
//! overlapping the last by 3.75 s; one window's match is therefore never enough. Every window
//! is one query at the matcher's [`STREAM_ALPHA`] (no speed search: a sped-up programme still
//! matches within the offset tolerance for a few seconds at a time, and the speed search
//! is where the offline path's false positives came from). A match makes the track a
//! *candidate* at its alignment (track frame minus stream frame); it is reported only once
//! landmarks **newer than every landmark of that first window** confirm it: at least
//! [`StreamOptions::confirm_min`] distinct hashes of the fresh landmarks find the same track at
//! the same alignment (within the matcher's tolerance), with a chance probability at most
//! [`StreamOptions::confirm_alpha`] at the track's own chance rate among those landmarks. The
//! test is of one cell named in advance, so it needs no multiple-comparison factor and a few
//! hits are strong evidence; the fresh landmarks share nothing with the window that named
//! the candidate, so a chance cluster in that window cannot confirm itself. A candidate that no
//! window has matched for [`CONFIRM_WITHIN_S`] of stream time is dropped.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use resonance_engine::fingerprint::FRAME_S;
use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;

use super::index::Index;
use super::matcher::{Floor, MIN_SCORE, MIN_SPAN_S, Outcome, SAFETY, STREAM_ALPHA, TOLERANCE, ln_poisson_tail, query_floor};
use resonance_engine::{Landmark, LandmarkReceiver};

/// Seconds of landmarks matched at once.
pub const WINDOW_S: f64 = 4.0;
/// Seconds of stream time between two matches.
pub const QUERY_EVERY_S: f64 = 0.25;
/// A playing track that has not matched for this long has ended.
pub const ENDED_AFTER_S: f64 = 2.5;
/// A candidate no window has matched for this much stream time is dropped.
pub const CONFIRM_WITHIN_S: f64 = 3.0;
/// Hashes with more postings than this are skipped by the confirmation (as by the matcher).
const MAX_POSTINGS: usize = 400;
/// Bits of the hash holding the pair's time difference (as in the matcher).
const DT_MASK: u32 = 0x3f;

/// How the recogniser accepts a track (see the module docs and decision 0066).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreamOptions {
    /// Accepted chance-match probability of one window's query ([`STREAM_ALPHA`]).
    pub alpha: f64,
    /// Floors under a window's match: distinct matched hashes ([`WINDOW_MIN_SCORE`]) and
    /// the span of its matched landmarks ([`WINDOW_MIN_SPAN_S`]).
    pub floor: Floor,
    /// Accepted chance probability of the confirmation by fresh landmarks (one cell, no
    /// multiple-comparison factor). `None`: a single window's match is reported (the
    /// acceptance before decision 0066, kept for the benchmark's comparison).
    pub confirm_alpha: Option<f64>,
    /// Distinct fresh hashes the confirmation needs at least.
    pub confirm_min: u32,
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self {
            alpha: STREAM_ALPHA,
            floor: Floor { min_score: WINDOW_MIN_SCORE, min_span_s: WINDOW_MIN_SPAN_S },
            confirm_alpha: Some(CONFIRM_ALPHA),
            confirm_min: CONFIRM_MIN,
        }
    }
}

/// Default floor of a window's score ([`StreamOptions::floor`]).
pub const WINDOW_MIN_SCORE: u32 = MIN_SCORE;
/// Default floor of a window's matched span ([`StreamOptions::floor`]).
pub const WINDOW_MIN_SPAN_S: f64 = MIN_SPAN_S;
/// Default of [`StreamOptions::confirm_alpha`], set with `guard-eval` (benches/README.md).
pub const CONFIRM_ALPHA: f64 = 1e-4;
/// Default of [`StreamOptions::confirm_min`].
pub const CONFIRM_MIN: u32 = 4;

/// A track matched by one window, waiting for fresh landmarks to confirm it.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    track: u32,
    /// Track frame minus stream frame.
    align: i64,
    /// Newest landmark frame of the window that named it: confirming landmarks are newer.
    evidence_end: u32,
    /// Stream frame of its latest window match.
    seen: u32,
    confidence: f64,
}

/// What the recogniser reports (defined in the engine crate so that the protocol and the
/// bridge carry it without depending on this crate).
pub use resonance_engine::fingerprint::RecognitionEvent;

#[derive(Clone, Copy, Debug)]
struct Playing {
    track: u32,
    last_match: u32,
}

/// Sliding-window matcher over a landmark stream.
#[derive(Debug)]
pub struct StreamRecognizer {
    index: Arc<Index>,
    window: VecDeque<Landmark>,
    /// Newest anchor frame the stream has reached (from landmarks or the clock).
    newest: u32,
    last_query: Option<u32>,
    playing: Option<Playing>,
    candidate: Option<Candidate>,
    options: StreamOptions,
    scratch: Vec<Landmark>,
    hits: Vec<u32>,
}

fn frames(s: f64) -> u32 {
    (s / FRAME_S).round() as u32
}

/// Stream time (s) at which the landmarks of anchor frame `frame` are emitted.
fn emit_time(frame: u32) -> f64 {
    f64::from(frame.saturating_add(EMIT_DELAY_FRAMES)) * FRAME_S
}

impl StreamRecognizer {
    /// A recogniser matching against `index` with the default acceptance.
    pub fn new(index: Arc<Index>) -> Self {
        Self::with_options(index, StreamOptions::default())
    }

    /// A recogniser matching against `index` with acceptance `options`.
    pub fn with_options(index: Arc<Index>, options: StreamOptions) -> Self {
        Self {
            index,
            window: VecDeque::new(),
            newest: 0,
            last_query: None,
            playing: None,
            candidate: None,
            options,
            scratch: Vec::new(),
            hits: Vec::new(),
        }
    }

    /// The track currently reported as playing.
    pub fn playing(&self) -> Option<u32> {
        self.playing.map(|p| p.track)
    }

    /// Feeds one landmark (in the order the hasher emitted them). A landmark far older than
    /// the stream position means the hasher was reset: the recogniser starts afresh.
    pub fn push(&mut self, l: Landmark, on_event: &mut dyn FnMut(RecognitionEvent)) {
        if l.frame.saturating_add(frames(WINDOW_S)) < self.newest {
            self.restart(on_event);
        }
        self.window.push_back(l);
        self.advance_to(l.frame, on_event);
    }

    /// Tells the recogniser that stream time has reached anchor frame `frame` (also without
    /// landmarks, e.g. during silence) so that it can match and report "ended".
    pub fn advance_to(&mut self, frame: u32, on_event: &mut dyn FnMut(RecognitionEvent)) {
        if frame > self.newest {
            self.newest = frame;
        }
        let keep_from = self.newest.saturating_sub(frames(WINDOW_S));
        while self.window.front().is_some_and(|l| l.frame < keep_from) {
            self.window.pop_front();
        }
        let due = self.last_query.is_none_or(|q| self.newest >= q + frames(QUERY_EVERY_S).max(1));
        if due {
            self.last_query = Some(self.newest);
            self.match_window(on_event);
        }
        if let Some(p) = self.playing
            && self.newest.saturating_sub(p.last_match) > frames(ENDED_AFTER_S)
        {
            self.end(emit_time(self.newest), on_event);
        }
    }

    /// Ends the playing track (if any) and forgets the stream: after a hasher reset, or when
    /// the audio stopped.
    pub fn restart(&mut self, on_event: &mut dyn FnMut(RecognitionEvent)) {
        self.end(emit_time(self.newest), on_event);
        self.window.clear();
        self.newest = 0;
        self.last_query = None;
        self.candidate = None;
    }

    fn end(&mut self, at_s: f64, on_event: &mut dyn FnMut(RecognitionEvent)) {
        if let Some(p) = self.playing.take() {
            let name = self.index.track(p.track).map(|t| t.name.clone()).unwrap_or_default();
            on_event(RecognitionEvent::Ended { track: p.track, name, at_s });
        }
    }

    fn match_window(&mut self, on_event: &mut dyn FnMut(RecognitionEvent)) {
        let (Some(start), Some(last)) = (self.window.front().map(|l| l.frame), self.window.back().map(|l| l.frame)) else { return };
        // Only leftovers of music that stopped: they may still match, but they name nothing
        // that is playing now (and would re-report a track that just ended).
        if self.newest.saturating_sub(last) > frames(ENDED_AFTER_S) {
            return;
        }
        self.scratch.clear();
        self.scratch.extend(self.window.iter().map(|l| Landmark { hash: l.hash, frame: l.frame - start }));
        // The anchors span start..=newest; their pairs reach about a second further.
        let duration = f64::from(self.newest - start) * FRAME_S + 1.0;
        let outcome = query_floor(&self.index, &self.scratch, duration, self.options.alpha, self.options.floor);
        let at_s = emit_time(self.newest);
        if let Outcome::Match(m) = outcome {
            match (self.playing, self.candidate) {
                // The track is heard as long as matches keep including fresh landmarks.
                (Some(p), _) if p.track == m.track => {
                    if let Some(p) = self.playing.as_mut() {
                        p.last_match = p.last_match.max(last);
                    }
                    self.candidate = None;
                    return;
                }
                // The candidate matched again: it stays (its evidence boundary too).
                (_, Some(c)) if c.track == m.track && (c.align - (m.offset_frames - i64::from(start))).abs() <= 2 * TOLERANCE => {
                    if let Some(c) = self.candidate.as_mut() {
                        c.seen = self.newest;
                    }
                }
                _ => {
                    self.candidate = Some(Candidate {
                        track: m.track,
                        align: m.offset_frames - i64::from(start),
                        evidence_end: last,
                        seen: self.newest,
                        confidence: m.confidence,
                    });
                }
            }
        }
        let Some(c) = self.candidate else { return };
        if self.newest.saturating_sub(c.seen) > frames(CONFIRM_WITHIN_S) {
            self.candidate = None;
            return;
        }
        if !self.confirmed(&c) {
            return;
        }
        self.candidate = None;
        self.end(at_s, on_event);
        self.playing = Some(Playing { track: c.track, last_match: last });
        let info = self.index.track(c.track).cloned().unwrap_or_default();
        on_event(RecognitionEvent::NowPlaying {
            track: c.track,
            name: info.name,
            title: info.title,
            artist: info.artist,
            // Where the track is at `at_s`.
            offset_s: (c.align + i64::from(self.newest)) as f64 * FRAME_S + f64::from(EMIT_DELAY_FRAMES) * FRAME_S,
            confidence: c.confidence,
            at_s,
        });
    }

    /// Whether the landmarks newer than the candidate's window find its track at its
    /// alignment: at least [`StreamOptions::confirm_min`] distinct hashes, with a chance
    /// probability at most [`StreamOptions::confirm_alpha`] at the track's chance rate among
    /// those landmarks (its votes off the cell, spread over its frames, inflated by the
    /// matcher's [`SAFETY`]).
    fn confirmed(&mut self, c: &Candidate) -> bool {
        let Some(alpha) = self.options.confirm_alpha else { return true };
        let frames_t = self.index.track(c.track).map_or(1, |t| t.frames.max(1));
        self.hits.clear();
        let mut off_cell = 0usize;
        for l in self.window.iter().filter(|l| l.frame > c.evidence_end) {
            // dt - 1 ..= dt + 1, as the matcher looks them up.
            let dt = l.hash & DT_MASK;
            let base = l.hash & !DT_MASK;
            let (hashes, tracks, fs) = self.index.posting_range(base | dt.saturating_sub(1).max(1), base | (dt + 1).min(DT_MASK));
            let mut i = 0;
            while let Some(&h) = hashes.get(i) {
                let n = hashes.get(i..).map_or(0, |r| r.partition_point(|&x| x == h)).max(1);
                if n <= MAX_POSTINGS
                    && let (Some(ts), Some(fs)) = (tracks.get(i..i + n), fs.get(i..i + n))
                {
                    for (_, &f) in ts.iter().zip(fs).filter(|(t, _)| **t == c.track) {
                        if (i64::from(f) - i64::from(l.frame) - c.align).abs() <= TOLERANCE {
                            self.hits.push(l.hash);
                        } else {
                            off_cell += 1;
                        }
                    }
                }
                i += n;
            }
        }
        self.hits.sort_unstable();
        self.hits.dedup();
        let k = u32::try_from(self.hits.len()).unwrap_or(u32::MAX);
        if k < self.options.confirm_min {
            return false;
        }
        let w = (2 * TOLERANCE + 1) as f64;
        let lambda = (SAFETY * off_cell as f64 * w / f64::from(frames_t)).max(1e-9);
        ln_poisson_tail(lambda, k) <= alpha.ln()
    }

    /// Runs the recogniser on a new thread that drains `landmarks` and calls `on_event`.
    /// Stream time follows the audio thread's hasher ([`LandmarkReceiver::frames_hashed`]);
    /// when that stops advancing for [`ENDED_AFTER_S`] of wall-clock time (the host stopped
    /// processing), the playing track ends.
    ///
    /// # Errors
    /// The OS error when the thread cannot be spawned.
    pub fn spawn(
        mut self,
        mut landmarks: LandmarkReceiver,
        mut on_event: impl FnMut(RecognitionEvent) + Send + 'static,
    ) -> std::io::Result<RecognizerThread> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new().name("resonance-recognizer".into()).spawn(move || {
            let mut last_clock = 0u64;
            let mut last_progress = Instant::now();
            while !flag.load(Ordering::Relaxed) {
                // The clock first: every landmark popped below was emitted at or after it.
                let clock = landmarks.frames_hashed();
                if clock < last_clock {
                    self.restart(&mut on_event);
                }
                while let Some(l) = landmarks.pop() {
                    self.push(l, &mut on_event);
                }
                if clock == last_clock {
                    if self.playing.is_some() && last_progress.elapsed().as_secs_f64() > ENDED_AFTER_S {
                        self.restart(&mut on_event);
                    }
                } else {
                    last_clock = clock;
                    last_progress = Instant::now();
                    let anchor = clock.saturating_sub(u64::from(EMIT_DELAY_FRAMES));
                    self.advance_to(u32::try_from(anchor).unwrap_or(u32::MAX), &mut on_event);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })?;
        Ok(RecognizerThread { stop, handle: Some(handle) })
    }
}

/// A running recogniser thread; dropping it stops and joins the thread.
#[derive(Debug)]
pub struct RecognizerThread {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl RecognizerThread {
    /// Stops the thread and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for RecognizerThread {
    fn drop(&mut self) {
        self.shutdown();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::index::TrackInfo;

    /// Seeded landmarks, one every 6 frames (about 10 a second), random 22-bit hashes with a
    /// pair time difference of 1..=20 frames, at stream frames `from..to`.
    fn random(seed: u64, from: u32, to: u32) -> Vec<Landmark> {
        let mut s = seed;
        (from..to)
            .step_by(6)
            .map(|frame| {
                s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let h = (s >> 33) as u32;
                Landmark { hash: (h & 0x3f_ffc0) | (1 + (h >> 24) % 20), frame }
            })
            .collect()
    }

    /// Three 60 s tracks of random landmarks.
    fn index() -> (Arc<Index>, Vec<Vec<Landmark>>) {
        let frames = frames(60.0);
        let tracks: Vec<Vec<Landmark>> = (0..3).map(|k| random(k + 1, 0, frames)).collect();
        let mut index = Index::new();
        index.add_tracks(
            tracks
                .iter()
                .enumerate()
                .map(|(k, l)| {
                    (
                        TrackInfo { name: format!("t{k}"), path: format!("t{k}"), duration_s: 60.0, frames, ..TrackInfo::default() },
                        l.clone(),
                    )
                })
                .collect(),
        );
        (Arc::new(index), tracks)
    }

    /// `background` with `track`'s landmarks of track frames `from..to` played from stream
    /// frame `at`, in stream order.
    fn with_excerpt(mut background: Vec<Landmark>, track: &[Landmark], from: u32, to: u32, at: u32) -> Vec<Landmark> {
        background
            .extend(track.iter().filter(|l| (from..to).contains(&l.frame)).map(|l| Landmark { hash: l.hash, frame: l.frame - from + at }));
        background.sort_by_key(|l| l.frame);
        background
    }

    fn names(index: &Arc<Index>, options: StreamOptions, stream: &[Landmark]) -> Vec<(String, f64, f64)> {
        let mut rec = StreamRecognizer::with_options(Arc::clone(index), options);
        let mut out = Vec::new();
        for &l in stream {
            rec.push(l, &mut |e| {
                if let RecognitionEvent::NowPlaying { name, offset_s, at_s, .. } = e {
                    out.push((name, offset_s, at_s));
                }
            });
        }
        out
    }

    /// 1.1 s of an indexed track inside unindexed material is enough for one window's match
    /// (the acceptance before decision 0066 named it), but no landmark after that window
    /// confirms it: the recogniser names nothing.
    #[test]
    fn one_window_of_a_track_names_nothing() {
        let (index, tracks) = index();
        let stream = with_excerpt(random(99, 0, frames(20.0)), &tracks[0], 1000, 1070, 600);
        let single = StreamOptions { confirm_alpha: None, ..StreamOptions::default() };
        assert_eq!(names(&index, single, &stream).iter().map(|n| n.0.as_str()).collect::<Vec<_>>(), ["t0"], "one window's match");
        assert_eq!(names(&index, StreamOptions::default(), &stream), [], "confirmed by nothing");
        // With the window's floors lowered (5 hashes, no span), the excerpt's first landmarks make
        // it a candidate and its later ones confirm it: the floors, not the confirmation alone,
        // set the shortest excerpt that is named.
        let low = StreamOptions { floor: Floor { min_score: 5, min_span_s: 0.0 }, ..StreamOptions::default() };
        assert_eq!(names(&index, low, &stream).iter().map(|n| n.0.as_str()).collect::<Vec<_>>(), ["t0"], "lower window floors");
    }

    /// A window floor below the matcher's [`MIN_SCORE`] makes the track a candidate after
    /// fewer of its landmarks, so it is named earlier, at the same position. One landmark of
    /// the track's in four survives, as under loud commentary, so the floor and not the
    /// matcher's 1 s span decides when the first window matches.
    #[test]
    fn a_lower_window_floor_names_a_track_sooner() {
        let (index, tracks) = index();
        let at = frames(10.0);
        let sparse: Vec<Landmark> = tracks[2].iter().step_by(4).copied().collect();
        let stream = with_excerpt(random(97, 0, frames(30.0)), &sparse, 900, 900 + frames(8.0), at);
        let normal = names(&index, StreamOptions { floor: Floor::DEFAULT, ..StreamOptions::default() }, &stream);
        let low = names(&index, StreamOptions { floor: Floor { min_score: 5, min_span_s: 0.0 }, ..StreamOptions::default() }, &stream);
        assert_eq!(normal.iter().map(|n| n.0.as_str()).collect::<Vec<_>>(), ["t2"], "{normal:?}");
        assert_eq!(low.iter().map(|n| n.0.as_str()).collect::<Vec<_>>(), ["t2"], "{low:?}");
        assert!(low[0].2 < normal[0].2, "named at {:.2} s with the floor at 5, {:.2} s at {MIN_SCORE}", low[0].2, normal[0].2);
        // The same position in the track at the time of each report.
        let drift = (low[0].1 - low[0].2) - (normal[0].1 - normal[0].2);
        assert!(drift.abs() < 0.05, "positions differ by {drift:.3} s");
    }

    /// A track that goes on playing is confirmed by the landmarks after its first window and
    /// named once, at its position in the track.
    #[test]
    fn a_track_that_goes_on_is_named_at_its_position() {
        let (index, tracks) = index();
        let at = frames(10.0);
        let stream = with_excerpt(random(98, 0, frames(30.0)), &tracks[1], 500, 500 + frames(8.0), at);
        let named = names(&index, StreamOptions::default(), &stream);
        assert_eq!(named.len(), 1, "{named:?}");
        let (name, offset_s, at_s) = &named[0];
        assert_eq!(name, "t1");
        // Position in the track at the event's stream time.
        let expected = 500.0 * FRAME_S + at_s - f64::from(at) * FRAME_S;
        assert!((offset_s - expected).abs() < 0.05, "offset {offset_s:.3} s, expected {expected:.3} s");
        // Named after the confirming landmarks arrived, within the window's reach.
        assert!(
            (at_s - f64::from(at) * FRAME_S) < 4.0,
            "named {at_s:.2} s into the stream, the track started at {:.2} s",
            f64::from(at) * FRAME_S
        );
    }
}
