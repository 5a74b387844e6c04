//! Streaming recognition (non-real-time): turns the engine's landmark stream into "now
//! playing" and "ended" events.
//!
//! [`StreamRecognizer`] keeps the landmarks of the last [`WINDOW_S`] seconds and matches them
//! against the index every [`QUERY_EVERY_S`] seconds of stream time. A match on a new track
//! reports [`RecognitionEvent::NowPlaying`]; when the playing track has not matched for
//! [`ENDED_AFTER_S`] it reports [`RecognitionEvent::Ended`]. Landmarks reach the queue about
//! 1.2 s after the audio (peak decision plus the pairing zone), so a track is reported about
//! 2-3 s after it becomes audible. [`StreamRecognizer::spawn`] runs it on its own thread, fed
//! by [`LandmarkReceiver`]; the plugin, the host and the bridge consume the events.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::FRAME_S;
use super::index::Index;
use super::matcher::{Outcome, query};
use crate::engine::LandmarkReceiver;
use crate::types::Landmark;

/// Seconds of landmarks matched at once.
pub const WINDOW_S: f64 = 4.0;
/// Seconds of stream time between two matches.
pub const QUERY_EVERY_S: f64 = 0.25;
/// A playing track that has not matched for this long has ended.
pub const ENDED_AFTER_S: f64 = 2.5;

/// What the recogniser reports.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(tag = "type", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RecognitionEvent {
    /// A track became audible (or changed).
    NowPlaying {
        track: u32,
        /// The indexed file's stem.
        name: String,
        title: Option<String>,
        artist: Option<String>,
        /// Position in the track at `at_s`.
        offset_s: f64,
        confidence: f64,
        /// Stream time (seconds of hashed audio since the hasher's reset).
        at_s: f64,
    },
    /// The track reported by the last `NowPlaying` is no longer heard.
    Ended { track: u32, name: String, at_s: f64 },
}

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
    newest: u32,
    last_query: Option<u32>,
    playing: Option<Playing>,
    scratch: Vec<Landmark>,
}

fn frames(s: f64) -> u32 {
    (s / FRAME_S).round() as u32
}

impl StreamRecognizer {
    pub fn new(index: Arc<Index>) -> Self {
        Self { index, window: VecDeque::new(), newest: 0, last_query: None, playing: None, scratch: Vec::new() }
    }

    /// The track currently reported as playing.
    pub fn playing(&self) -> Option<u32> {
        self.playing.map(|p| p.track)
    }

    /// Feeds one landmark (in the order the hasher emitted them).
    pub fn push(&mut self, l: Landmark, on_event: &mut dyn FnMut(RecognitionEvent)) {
        self.window.push_back(l);
        self.advance_to(l.frame, on_event);
    }

    /// Tells the recogniser that stream time has reached `frame` (also without landmarks,
    /// e.g. during silence) so that it can match and report "ended".
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
            self.playing = None;
            let name = self.index.track(p.track).map(|t| t.name.clone()).unwrap_or_default();
            on_event(RecognitionEvent::Ended { track: p.track, name, at_s: f64::from(self.newest) * FRAME_S });
        }
    }

    fn match_window(&mut self, on_event: &mut dyn FnMut(RecognitionEvent)) {
        let Some(start) = self.window.front().map(|l| l.frame) else { return };
        self.scratch.clear();
        self.scratch.extend(self.window.iter().map(|l| Landmark { hash: l.hash, frame: l.frame - start }));
        // The anchors span start..=newest; their pairs reach about a second further.
        let duration = f64::from(self.newest - start) * FRAME_S + 1.0;
        let Outcome::Match(m) = query(&self.index, &self.scratch, duration) else { return };
        let at_s = f64::from(self.newest) * FRAME_S;
        let offset_s = m.offset_s + f64::from(self.newest - start) * FRAME_S;
        match self.playing {
            Some(ref mut p) if p.track == m.track => p.last_match = self.newest,
            _ => {
                if let Some(p) = self.playing {
                    let name = self.index.track(p.track).map(|t| t.name.clone()).unwrap_or_default();
                    on_event(RecognitionEvent::Ended { track: p.track, name, at_s });
                }
                self.playing = Some(Playing { track: m.track, last_match: self.newest });
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
    /// While no landmarks arrive (silence), stream time advances with the wall clock so that
    /// "ended" is still reported.
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
            let mut last_seen = Instant::now();
            let mut last_frame = 0u32;
            while !flag.load(Ordering::Relaxed) {
                let mut got = false;
                while let Some(l) = landmarks.pop() {
                    got = true;
                    last_frame = l.frame;
                    self.push(l, &mut on_event);
                }
                if got {
                    last_seen = Instant::now();
                } else {
                    let idle = last_seen.elapsed().as_secs_f64();
                    self.advance_to(last_frame.saturating_add(frames(idle)), &mut on_event);
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
