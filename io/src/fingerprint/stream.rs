//! Streaming recognition (non-real-time): turns the engine's landmark stream into "now
//! playing" and "ended" events.
//!
//! [`StreamRecognizer`] keeps the landmarks of the last [`WINDOW_S`] seconds and matches them
//! against the index every [`QUERY_EVERY_S`] seconds of stream time. A match on a new track
//! reports [`RecognitionEvent::NowPlaying`]; when the playing track has not matched for
//! [`ENDED_AFTER_S`] it reports [`RecognitionEvent::Ended`]. Landmarks reach the queue
//! [`EMIT_DELAY_FRAMES`] (1.18 s) after the audio (peak decision plus the pairing zone) and a
//! match needs [`MIN_SPAN_S`](super::matcher::MIN_SPAN_S) of them, so a track is reported
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
//! Every window is one query at the matcher's [`STREAM_ALPHA`] (no speed
//! search: a live stream is matched every quarter second, and a sped-up programme still
//! matches within the offset tolerance for a few seconds at a time).

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use resonance_engine::fingerprint::FRAME_S;
use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;

use super::index::Index;
use super::matcher::{Outcome, STREAM_ALPHA, query_at};
use resonance_engine::{Landmark, LandmarkReceiver};

/// Seconds of landmarks matched at once.
pub const WINDOW_S: f64 = 4.0;
/// Seconds of stream time between two matches.
pub const QUERY_EVERY_S: f64 = 0.25;
/// A playing track that has not matched for this long has ended.
pub const ENDED_AFTER_S: f64 = 2.5;

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
    scratch: Vec<Landmark>,
}

fn frames(s: f64) -> u32 {
    (s / FRAME_S).round() as u32
}

/// Stream time (s) at which the landmarks of anchor frame `frame` are emitted.
fn emit_time(frame: u32) -> f64 {
    f64::from(frame.saturating_add(EMIT_DELAY_FRAMES)) * FRAME_S
}

impl StreamRecognizer {
    /// A recogniser matching against `index`.
    pub fn new(index: Arc<Index>) -> Self {
        Self { index, window: VecDeque::new(), newest: 0, last_query: None, playing: None, scratch: Vec::new() }
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
        let Outcome::Match(m) = query_at(&self.index, &self.scratch, duration, STREAM_ALPHA) else { return };
        let at_s = emit_time(self.newest);
        // Where the track is at `at_s`: the window's start plus the stream time since.
        let offset_s = m.offset_s + at_s - f64::from(start) * FRAME_S;
        match self.playing {
            // The track is heard as long as matches keep including fresh landmarks.
            Some(ref mut p) if p.track == m.track => p.last_match = p.last_match.max(last),
            _ => {
                self.end(at_s, on_event);
                self.playing = Some(Playing { track: m.track, last_match: last });
                let info = self.index.track(m.track).cloned().unwrap_or_default();
                on_event(RecognitionEvent::NowPlaying {
                    track: m.track,
                    name: info.name,
                    title: info.title,
                    artist: info.artist,
                    offset_s,
                    confidence: m.confidence,
                    at_s,
                });
            }
        }
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
