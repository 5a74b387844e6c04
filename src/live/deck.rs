//! The live host's music deck, control side: plays a whole track — a Subsonic stream or a
//! local file, served by the bridge at a short-lived URL — as the music bed, in place of (or
//! layered with) the generated music, ducked under commentary like it.
//!
//! The bridge's selector decides what plays and sends `/resonance/command/deck_play` (URL,
//! fade, gain, layer) over the existing OSC link; the control loop hands it here. Each track
//! gets a feeder thread: an HTTP GET (reqwest, on a small runtime of its own), progressive
//! decoding of the body as it arrives (`DecodeStream::open_reader`), resampling to the
//! engine's rate, and pushing stereo frames into the track's lock-free ring
//! (`resonance_engine::engine::deck`). When [`PREBUFFER_S`] is in the ring (or the track is
//! shorter), the feeder hands the ring's audio-thread end back to the control loop, which
//! queues it to the audio thread with the play. The audio thread only pops samples.
//!
//! Failures (the bridge or server down, a body that is not audio, a track that fails to
//! decode mid-stream) end the track: what was decoded plays out, then the generated music
//! returns. They are said on stderr and counted in [`DeckCounts`].

use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use resonance_engine::deck::{DeckFeed, DeckSender, DeckStream};
use resonance_engine::prelude::{EngineHandle, Quantize};

/// Seconds of audio a track's ring holds ahead of the audio thread.
pub const RING_S: f32 = 8.0;
/// Seconds decoded before a track starts (a network hiccup shorter than this is inaudible).
pub const PREBUFFER_S: f32 = 0.5;
/// Longest wait for the server's next bytes before the track is given up.
const READ_TIMEOUT: Duration = Duration::from_secs(20);

/// Counters of the deck's control side (the audio side's are in the engine's `DeckStatus`).
#[derive(Debug, Default)]
pub struct DeckCounts {
    /// Tracks asked for.
    pub requested: AtomicU64,
    /// Tracks handed to the audio thread.
    pub started: AtomicU64,
    /// Tracks that failed (fetch or decode), before or after starting.
    pub failed: AtomicU64,
}

/// A track ready to start: the ring's audio-thread end and how to play it.
struct Ready {
    stream: Box<DeckStream>,
    fade_s: f32,
    gain_db: f32,
    layer: f32,
    quantize: Quantize,
    /// The track's id (its feed's).
    id: u32,
}

/// The control side of the deck.
pub struct LiveDeck {
    ready_tx: mpsc::Sender<Ready>,
    ready_rx: mpsc::Receiver<Ready>,
    /// The wanted track's cancel flag (set when another track or a stop replaces it).
    cancel: Option<Arc<AtomicBool>>,
    /// The id of the track wanted now (a late-ready track that was replaced is dropped).
    wanted: u32,
    quiet: bool,
    pub counts: Arc<DeckCounts>,
}

impl std::fmt::Debug for LiveDeck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveDeck").field("wanted", &self.wanted).finish_non_exhaustive()
    }
}

impl LiveDeck {
    pub fn new(quiet: bool) -> Self {
        let (ready_tx, ready_rx) = mpsc::channel();
        Self { ready_tx, ready_rx, cancel: None, wanted: 0, quiet, counts: Arc::default() }
    }

    /// Starts fetching and decoding the track at `url`; it plays once pre-buffered, from the
    /// generated music's next `quantize` boundary after that.
    pub fn play(&mut self, handle: &mut EngineHandle, url: &str, fade_s: f32, gain_db: f32, layer: f32, quantize: Quantize) {
        self.counts.requested.fetch_add(1, Ordering::Relaxed);
        if let Some(c) = self.cancel.take() {
            c.store(true, Ordering::Relaxed);
        }
        let (feed, stream) = handle.deck.stream(RING_S);
        self.wanted = feed.id();
        let cancel = Arc::new(AtomicBool::new(false));
        self.cancel = Some(Arc::clone(&cancel));
        let job = Job {
            url: url.to_string(),
            rate: handle.sample_rate.round() as u32,
            feed,
            stream: Some(stream),
            ready: self.ready_tx.clone(),
            cancel,
            counts: Arc::clone(&self.counts),
            play: (fade_s, gain_db, layer),
            quantize,
            quiet: self.quiet,
        };
        let spawned = std::thread::Builder::new().name("resonance-deck".into()).spawn(move || job.run());
        if let Err(e) = spawned {
            self.counts.failed.fetch_add(1, Ordering::Relaxed);
            eprintln!("deck: cannot start a thread for the track ({e}); the generated music carries on");
        }
    }

    /// Stops the track over `fade_s` from the next `quantize` boundary; the generated music
    /// returns.
    pub fn stop(&mut self, handle: &mut EngineHandle, fade_s: f32, quantize: Quantize) {
        if let Some(c) = self.cancel.take() {
            c.store(true, Ordering::Relaxed);
        }
        self.wanted = 0;
        if handle.deck.stop(fade_s, quantize).is_err() {
            eprintln!("deck: stop refused (the deck's queue is full); send it again");
        }
    }

    /// Sets the generated music's level under the playing track.
    pub fn layer(handle: &mut EngineHandle, layer: f32, fade_s: f32) {
        if handle.deck.set_layer(layer, fade_s).is_err() {
            eprintln!("deck: layer refused (the deck's queue is full); send it again");
        }
    }

    /// The control loop's turn: starts tracks that finished pre-buffering, drops spent rings.
    pub fn turn(&mut self, deck: &mut DeckSender) {
        deck.collect_garbage();
        while let Ok(r) = self.ready_rx.try_recv() {
            if r.id != self.wanted {
                continue;
            }
            if deck.play(r.stream, r.fade_s, r.gain_db, r.layer, r.quantize).is_ok() {
                self.counts.started.fetch_add(1, Ordering::Relaxed);
            } else {
                self.counts.failed.fetch_add(1, Ordering::Relaxed);
                eprintln!("deck: the track could not start (too many tracks changing at once); the next choice will");
            }
        }
    }
}

/// One track's feeder thread.
struct Job {
    url: String,
    rate: u32,
    feed: DeckFeed,
    stream: Option<Box<DeckStream>>,
    ready: mpsc::Sender<Ready>,
    cancel: Arc<AtomicBool>,
    counts: Arc<DeckCounts>,
    play: (f32, f32, f32),
    quantize: Quantize,
    quiet: bool,
}

impl Job {
    fn run(mut self) {
        let complete = match self.feed_all() {
            Ok(complete) => {
                self.feed.finish();
                complete
            }
            Err(e) => {
                // what was decoded plays out, then the generated music returns
                self.feed.finish();
                self.hand_over();
                if !self.cancel.load(Ordering::Relaxed) {
                    self.counts.failed.fetch_add(1, Ordering::Relaxed);
                    eprintln!("deck: {e}; the generated music takes over when what was decoded has played");
                }
                return;
            }
        };
        self.hand_over();
        if complete && !self.quiet {
            eprintln!("deck: {} decoded to its end", self.url.rsplit('/').next().unwrap_or("track"));
        }
    }

    /// Hands the ring to the control loop (once).
    fn hand_over(&mut self) {
        if let Some(stream) = self.stream.take() {
            let (fade_s, gain_db, layer) = self.play;
            let _ = self.ready.send(Ready { stream, fade_s, gain_db, layer, quantize: self.quantize, id: self.feed.id() });
        }
    }

    /// Feeds the whole track; whether it got to its end (false: the deck let go of it first).
    fn feed_all(&mut self) -> anyhow::Result<bool> {
        let body = HttpBody::get(&self.url)?;
        let ext = body.extension.clone();
        let mut dec = resonance_io::decode::DecodeStream::open_reader(&self.url, Box::new(body), ext.as_deref())?;
        let from = dec.sample_rate();
        let mut resampler = if from == self.rate { None } else { Some(resonance_io::decode::ChannelsResampler::new(2, from, self.rate)?) };
        let prebuffer = (PREBUFFER_S * self.rate as f32) as usize;
        let (mut stereo, mut out) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
        let mut pushed = 0usize;
        loop {
            if self.cancel.load(Ordering::Relaxed) && self.stream.is_some() {
                return Ok(false);
            }
            let Some(chunk) = dec.next_chunk()? else { break };
            stereo[0].clear();
            stereo[1].clear();
            resonance_io::decode::stereo_into(chunk, &mut stereo);
            let frames = match &mut resampler {
                Some(r) => {
                    out[0].clear();
                    out[1].clear();
                    r.push(&stereo, &mut out)?;
                    &out
                }
                None => &stereo,
            };
            if !self.push_all(&frames[0], &frames[1]) {
                return Ok(false);
            }
            pushed += frames[0].len();
            if pushed >= prebuffer {
                self.hand_over();
            }
        }
        if let Some(r) = &mut resampler {
            out[0].clear();
            out[1].clear();
            r.finish(&mut out)?;
            self.push_all(&out[0], &out[1]);
        }
        Ok(true)
    }

    /// Pushes all frames, waiting while the ring is full; false when the deck let go of the
    /// track (replaced or stopped) or it was cancelled before it started.
    fn push_all(&mut self, l: &[f32], r: &[f32]) -> bool {
        let mut at = 0;
        while at < l.len() {
            if self.feed.abandoned() || (self.stream.is_some() && self.cancel.load(Ordering::Relaxed)) {
                return false;
            }
            let n = self.feed.push(&l[at..], &r[at..]);
            at += n;
            if n == 0 {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        true
    }
}

/// An HTTP response body read progressively as a blocking [`Read`] (for the decoder).
struct HttpBody {
    inner: Mutex<(tokio::runtime::Runtime, reqwest::Response)>,
    buf: Vec<u8>,
    at: usize,
    /// The format hint from the Content-Type.
    extension: Option<String>,
}

impl HttpBody {
    fn get(url: &str) -> anyhow::Result<Self> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let client = reqwest::Client::builder().connect_timeout(Duration::from_secs(5)).build()?;
        let resp = rt
            .block_on(async { tokio::time::timeout(READ_TIMEOUT, client.get(url).send()).await })
            .map_err(|_| anyhow::anyhow!("{url} did not answer within {} s", READ_TIMEOUT.as_secs()))?
            .map_err(|e| anyhow::anyhow!("cannot fetch {url}: {e}; is the bridge running and reachable from this machine?"))?;
        if !resp.status().is_success() {
            let status = resp.status();
            let text = rt.block_on(resp.text()).unwrap_or_default();
            anyhow::bail!("{url} answered {status}: {}", text.chars().take(300).collect::<String>());
        }
        let extension =
            resp.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(extension_of).map(String::from);
        Ok(Self { inner: Mutex::new((rt, resp)), buf: Vec::new(), at: 0, extension })
    }
}

/// The file extension symphonia's probe takes as a hint for a Content-Type.
fn extension_of(content_type: &str) -> Option<&'static str> {
    let t = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Some(match t.as_str() {
        "audio/flac" | "audio/x-flac" => "flac",
        "audio/mpeg" | "audio/mp3" => "mp3",
        "audio/ogg" | "application/ogg" | "audio/vorbis" | "audio/opus" => "ogg",
        "audio/mp4" | "audio/m4a" | "audio/x-m4a" | "audio/aac" => "m4a",
        "audio/wav" | "audio/x-wav" | "audio/wave" | "audio/vnd.wave" => "wav",
        "audio/webm" => "webm",
        _ => return None,
    })
}

impl Read for HttpBody {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.buf.len() {
            let (rt, resp) = self.inner.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
            match rt.block_on(async { tokio::time::timeout(READ_TIMEOUT, resp.chunk()).await }) {
                Ok(Ok(Some(b))) => {
                    self.buf.clear();
                    self.buf.extend_from_slice(&b);
                    self.at = 0;
                }
                Ok(Ok(None)) => return Ok(0),
                Ok(Err(e)) => return Err(std::io::Error::other(format!("the stream broke off: {e}"))),
                Err(_) => return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the server sent nothing for 20 s")),
            }
        }
        let n = out.len().min(self.buf.len() - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
