//! Music recognition through a remote recognition service (`resonance live --recognition URL`).
//!
//! The engine's audio thread already hashes the programme into landmarks; this thread (never
//! the audio thread) keeps the last [`WINDOW_S`] seconds of them, and every `--recognition-every`
//! seconds of stream time sends them as a version-1 fingerprint (`resonance_io::fingerprint_wire`,
//! a few kilobytes) to the service's `POST /api/v1/recognize/fingerprint` (the bridge, or
//! `resonance serve-recognition`). At most one query is in flight; the answers drive the same
//! "now playing" / "ended" events as the local matcher (`--db`):
//!
//! * a match on another track than the playing one reports `NowPlaying` (ending the old one);
//! * when no query has matched the playing track on landmarks of the last
//!   [`ENDED_AFTER_S`] seconds plus one interval of stream time, it reports `Ended`; also when
//!   the audio thread stops hashing for [`ENDED_AFTER_S`] of wall-clock time.
//!
//! Silence (no fresh landmarks) sends nothing. A busy or rate-limited service (503, 429) is
//! asked again only after its `Retry-After` (at most [`MAX_BACKOFF_S`]); a failed request
//! (no connection, a timeout, 5xx, another refusal) backs off exponentially from one second
//! to [`MAX_BACKOFF_S`]. Each kind of failure is printed once on stderr, and its recovery too.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use resonance_engine::fingerprint::FRAME_S;
use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;
use resonance_engine::{Landmark, LandmarkReceiver};
use resonance_io::fingerprint::stream::{ENDED_AFTER_S, RecognitionEvent};
use resonance_io::fingerprint_wire::Fingerprint;

/// Seconds of landmarks sent in one query.
pub const WINDOW_S: f64 = 6.0;
/// Fewest seconds of landmarks worth a query (the service refuses queries under a second).
pub const MIN_SPAN_S: f64 = 1.5;
/// Longest wait between two attempts after failures or a `Retry-After`.
pub const MAX_BACKOFF_S: f64 = 60.0;
/// Default seconds of stream time between two queries.
pub const DEFAULT_EVERY_S: f64 = 2.0;

/// Where and how to ask.
#[derive(Clone, Debug)]
pub struct Remote {
    endpoint: reqwest::Url,
    key: Option<String>,
    every_s: f64,
    quiet: bool,
}

fn frames(s: f64) -> u32 {
    (s / FRAME_S).round() as u32
}

/// Stream time (s) at which the landmarks of anchor frame `frame` are emitted.
fn emit_time(frame: u32) -> f64 {
    f64::from(frame.saturating_add(EMIT_DELAY_FRAMES)) * FRAME_S
}

/// A stable numeric id for a service's track id (events carry a `u32`).
fn numeric_id(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

impl Remote {
    /// The service at `url` (its base URL, e.g. `http://host:7878`, or its full
    /// `/api/v1/recognize/fingerprint` URL), asked every `every_s` seconds of stream time.
    ///
    /// # Errors
    /// A URL that does not parse, or is not `http`/`https`.
    pub fn new(url: &str, key: Option<String>, every_s: f64, quiet: bool) -> Result<Self> {
        let mut endpoint = reqwest::Url::parse(url).map_err(|e| {
            anyhow::anyhow!("--recognition {url:?} is not a URL ({e}); give the service's address, e.g. http://127.0.0.1:7878")
        })?;
        if !matches!(endpoint.scheme(), "http" | "https") {
            bail!("--recognition {url:?}: the scheme {:?} is not served; give an http:// or https:// URL", endpoint.scheme());
        }
        if endpoint.host_str().is_none_or(str::is_empty) {
            bail!("--recognition {url:?} has no host; give http://HOST:PORT");
        }
        if !endpoint.path().trim_end_matches('/').ends_with("/recognize/fingerprint") {
            let path = format!("{}/api/v1/recognize/fingerprint", endpoint.path().trim_end_matches('/'));
            endpoint.set_path(&path);
        }
        if !(1.0..=60.0).contains(&every_s) {
            bail!("--recognition-every {every_s}: give 1 to 60 seconds");
        }
        Ok(Self { endpoint, key, every_s, quiet })
    }

    /// The URL queries go to.
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_str()
    }

    /// Runs the client on a new thread that drains `landmarks` and calls `on_event`.
    ///
    /// # Errors
    /// The OS error when the thread or its runtime cannot be started.
    pub fn spawn(
        &self,
        landmarks: LandmarkReceiver,
        on_event: impl FnMut(RecognitionEvent) + Send + 'static,
    ) -> std::io::Result<RemoteThread> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let client = Client::new(self.clone())?;
        let handle = std::thread::Builder::new().name("resonance-remote-recognizer".into()).spawn(move || {
            runtime.block_on(client.run(landmarks, flag, on_event));
        })?;
        Ok(RemoteThread { stop, handle: Some(handle) })
    }
}

/// The `match` of a recognition answer (the fields used).
#[derive(Debug, serde::Deserialize)]
struct Found {
    #[serde(rename = "track_id")]
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    artist: String,
    /// Where the query starts in the track.
    offset_s: f64,
    confidence: f64,
}

/// What one query came back with.
#[derive(Debug)]
enum Answer {
    Match(Found),
    NoMatch,
    /// Ask again after this long: a 429/503 with its Retry-After, or a failure.
    Retry {
        after: Option<Duration>,
        why: String,
    },
}

#[derive(Debug)]
struct Playing {
    id: String,
    track: u32,
    name: String,
    /// Newest landmark frame of a query that matched it.
    last_match: u32,
}

/// The stream frames a query covered: its first and last landmark, and the stream's position.
#[derive(Clone, Copy, Debug)]
struct Window {
    start: u32,
    last: u32,
    newest: u32,
}

/// A query in flight, with the window it covered.
struct InFlight {
    task: tokio::task::JoinHandle<Answer>,
    window: Window,
}

struct Client {
    remote: Remote,
    http: reqwest::Client,
    window: VecDeque<Landmark>,
    newest: u32,
    last_query: Option<u32>,
    playing: Option<Playing>,
    not_before: Instant,
    failures: u32,
    /// The failure last printed (printed again only when it changes).
    failing: Option<String>,
}

impl Client {
    fn new(remote: Remote) -> std::io::Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(5))
            .user_agent(concat!("resonance-live/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Self {
            remote,
            http,
            window: VecDeque::new(),
            newest: 0,
            last_query: None,
            playing: None,
            not_before: Instant::now(),
            failures: 0,
            failing: None,
        })
    }

    async fn run(mut self, mut landmarks: LandmarkReceiver, stop: Arc<AtomicBool>, mut on_event: impl FnMut(RecognitionEvent)) {
        let mut tick = tokio::time::interval(Duration::from_millis(20));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let (mut last_clock, mut last_progress) = (0u64, Instant::now());
        let mut inflight: Option<InFlight> = None;
        while !stop.load(Ordering::Relaxed) {
            tick.tick().await;
            // The clock first: every landmark popped below was emitted at or after it.
            let clock = landmarks.frames_hashed();
            if clock < last_clock {
                self.restart(&mut on_event);
            }
            while let Some(l) = landmarks.pop() {
                if l.frame.saturating_add(frames(WINDOW_S)) < self.newest {
                    self.restart(&mut on_event);
                }
                self.newest = self.newest.max(l.frame);
                self.window.push_back(l);
            }
            if clock == last_clock {
                if self.playing.is_some() && last_progress.elapsed().as_secs_f64() > ENDED_AFTER_S {
                    self.restart(&mut on_event);
                }
            } else {
                (last_clock, last_progress) = (clock, Instant::now());
                let anchor = u32::try_from(clock.saturating_sub(u64::from(EMIT_DELAY_FRAMES))).unwrap_or(u32::MAX);
                self.newest = self.newest.max(anchor);
            }
            let keep_from = self.newest.saturating_sub(frames(WINDOW_S));
            while self.window.front().is_some_and(|l| l.frame < keep_from) {
                self.window.pop_front();
            }
            if let Some(q) = inflight.take_if(|q| q.task.is_finished()) {
                let answer = q.task.await.unwrap_or_else(|e| Answer::Retry { after: None, why: format!("the query task failed ({e})") });
                self.answered(answer, q.window, &mut on_event);
            }
            if let Some(p) = &self.playing
                && self.newest.saturating_sub(p.last_match) > frames(ENDED_AFTER_S + self.remote.every_s)
            {
                self.end(emit_time(self.newest), &mut on_event);
            }
            if inflight.is_none() {
                inflight = self.query_if_due();
            }
        }
        if let Some(q) = inflight {
            q.task.abort();
        }
    }

    /// Starts a query when one is due: the interval has passed, no back-off holds it, and the
    /// window holds enough fresh landmarks.
    fn query_if_due(&mut self) -> Option<InFlight> {
        let due = self.last_query.is_none_or(|q| self.newest >= q + frames(self.remote.every_s));
        if !due || Instant::now() < self.not_before {
            return None;
        }
        let (start, last) = (self.window.front()?.frame, self.window.back()?.frame);
        // only leftovers of music that stopped, or too little yet
        if self.newest.saturating_sub(last) > frames(ENDED_AFTER_S) || f64::from(self.newest - start) * FRAME_S < MIN_SPAN_S {
            return None;
        }
        self.last_query = Some(self.newest);
        let landmarks = self.window.iter().map(|l| Landmark { hash: l.hash, frame: l.frame - start }).collect();
        let fp = Fingerprint { duration_s: f64::from(self.newest - start) * FRAME_S + 1.0, landmarks };
        let request = self.http.post(self.remote.endpoint.clone()).header("content-type", "application/octet-stream").body(fp.to_bytes());
        let request = match &self.remote.key {
            Some(k) => request.bearer_auth(k),
            None => request,
        };
        Some(InFlight { task: tokio::spawn(ask(request)), window: Window { start, last, newest: self.newest } })
    }

    fn answered(&mut self, answer: Answer, q: Window, on_event: &mut impl FnMut(RecognitionEvent)) {
        let (after, why) = match answer {
            Answer::Retry { after, why } => (after, why),
            ok => {
                if self.failing.take().is_some() && !self.remote.quiet {
                    eprintln!("recognition: {} answers again", self.remote.endpoint);
                }
                self.failures = 0;
                if let Answer::Match(found) = ok {
                    self.matched(found, q, on_event);
                }
                return;
            }
        };
        self.failures = self.failures.saturating_add(1);
        let backoff = after.unwrap_or_else(|| Duration::from_secs(1 << (self.failures - 1).min(6)));
        self.not_before = Instant::now() + backoff.min(Duration::from_secs_f64(MAX_BACKOFF_S));
        let kind = why.split(" (").next().unwrap_or(&why).to_string();
        if self.failing.as_deref() != Some(kind.as_str()) {
            eprintln!("recognition: {why}; asking again in {:.0} s", backoff.as_secs_f64().min(MAX_BACKOFF_S));
            self.failing = Some(kind);
        }
    }

    fn matched(&mut self, found: Found, q: Window, on_event: &mut impl FnMut(RecognitionEvent)) {
        let Found { id, title, artist, offset_s, confidence } = found;
        if let Some(p) = self.playing.as_mut().filter(|p| p.id == id) {
            p.last_match = p.last_match.max(q.last);
            return;
        }
        let at_s = emit_time(q.newest);
        self.end(at_s, on_event);
        let track = numeric_id(&id);
        self.playing = Some(Playing { id, track, name: title.clone(), last_match: q.last });
        on_event(RecognitionEvent::NowPlaying {
            track,
            name: title.clone(),
            title: Some(title),
            artist: (!artist.is_empty()).then_some(artist),
            // where the track is at `at_s`: the window's start plus the stream time since
            offset_s: offset_s + at_s - f64::from(q.start) * FRAME_S,
            confidence,
            at_s,
        });
    }

    fn end(&mut self, at_s: f64, on_event: &mut impl FnMut(RecognitionEvent)) {
        if let Some(p) = self.playing.take() {
            on_event(RecognitionEvent::Ended { track: p.track, name: p.name, at_s });
        }
    }

    /// Ends the playing track and forgets the stream (a hasher reset, the audio stopped).
    fn restart(&mut self, on_event: &mut impl FnMut(RecognitionEvent)) {
        self.end(emit_time(self.newest), on_event);
        self.window.clear();
        self.newest = 0;
        self.last_query = None;
    }
}

/// A recognition answer (the field used).
#[derive(serde::Deserialize)]
struct WireAnswer {
    #[serde(rename = "match")]
    found: Option<Found>,
}

/// Sends one query and reads its answer.
async fn ask(request: reqwest::RequestBuilder) -> Answer {
    let resp = match request.send().await {
        Ok(r) => r,
        Err(e) if e.is_timeout() => {
            return Answer::Retry { after: None, why: format!("the recognition service did not answer in time ({e})") };
        }
        Err(e) => return Answer::Retry { after: None, why: format!("cannot reach the recognition service ({e})") },
    };
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|s| Duration::from_secs(s.clamp(1, MAX_BACKOFF_S as u64)));
    let text = resp.text().await.unwrap_or_default();
    match status.as_u16() {
        200 => match serde_json::from_str::<WireAnswer>(&text) {
            Ok(WireAnswer { found: Some(m) }) => Answer::Match(m),
            Ok(WireAnswer { found: None }) => Answer::NoMatch,
            Err(e) => Answer::Retry { after: None, why: format!("the recognition service's answer is not a recognition ({e})") },
        },
        code @ (429 | 503) => Answer::Retry {
            after: Some(retry_after.unwrap_or(Duration::from_secs(1))),
            why: format!("the recognition service is {} (HTTP {code})", if code == 429 { "rate-limiting this key" } else { "busy" }),
        },
        code @ (401 | 403) => Answer::Retry {
            after: Some(Duration::from_secs_f64(MAX_BACKOFF_S)),
            why: format!(
                "the recognition service refused the key (HTTP {code}: {}); give a key with scope `recognize` with --recognition-key or RESONANCE_RECOGNITION_KEY",
                text.trim()
            ),
        },
        code => Answer::Retry { after: None, why: format!("the recognition service answered HTTP {code} ({})", text.trim()) },
    }
}

/// The running client thread; dropping it stops and joins the thread.
#[derive(Debug)]
pub struct RemoteThread {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Drop for RemoteThread {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_get_the_fingerprint_route_and_bad_ones_say_what_to_give() {
        let r = Remote::new("http://127.0.0.1:7878", None, 2.0, true).unwrap();
        assert_eq!(r.endpoint(), "http://127.0.0.1:7878/api/v1/recognize/fingerprint");
        let r = Remote::new("https://rec.example/svc/", None, 2.0, true).unwrap();
        assert_eq!(r.endpoint(), "https://rec.example/svc/api/v1/recognize/fingerprint");
        let r = Remote::new("http://h:1/api/v1/recognize/fingerprint", None, 2.0, true).unwrap();
        assert_eq!(r.endpoint(), "http://h:1/api/v1/recognize/fingerprint");
        for (bad, says) in [("ftp://h/", "scheme"), ("127.0.0.1:7878", "http://"), ("not a url", "not a URL")] {
            let e = Remote::new(bad, None, 2.0, true).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
        assert!(Remote::new("http://h/", None, 0.1, true).unwrap_err().to_string().contains("1 to 60"));
        assert_ne!(numeric_id("trk_01"), numeric_id("trk_02"));
    }

    /// A one-shot HTTP server on 127.0.0.1 answering each connection with the next of `answers`.
    fn server(answers: Vec<String>) -> String {
        use std::io::{Read as _, Write as _};
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        std::thread::spawn(move || {
            for a in answers {
                let Ok((mut s, _)) = l.accept() else { return };
                let mut buf = vec![0u8; 65536];
                let _ = s.read(&mut buf);
                let _ = s.write_all(a.as_bytes());
            }
        });
        format!("http://{addr}")
    }

    fn reply(status: &str, extra: &str, body: &str) -> String {
        format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n{body}", body.len())
    }

    #[test]
    fn answers_busy_and_rate_limits_back_off_and_matches_report_once() {
        let found =
            r#"{"match": {"track_id": "trk_1", "title": "Knolls", "artist": "", "offset_s": 12.0, "confidence": 0.9}, "alternatives": []}"#;
        let url = server(vec![
            reply("503 Service Unavailable", "retry-after: 7\r\n", r#"{"error": "busy"}"#),
            reply("429 Too Many Requests", "retry-after: 3\r\n", r#"{"error": "rate_limited"}"#),
            reply("500 Internal Server Error", "", "oops"),
            reply("200 OK", "content-type: application/json\r\n", found),
            reply("200 OK", "content-type: application/json\r\n", r#"{"match": null, "alternatives": []}"#),
        ]);
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let mut c = Client::new(Remote::new(&url, Some("k".into()), 2.0, true).unwrap()).unwrap();
        let ask_once = |c: &Client| rt.block_on(ask(c.http.post(c.remote.endpoint.clone()).body(vec![1u8])));
        let mut events = Vec::new();
        let w = Window { start: 100, last: 300, newest: 310 };
        for want_s in [Some(7), Some(3), None] {
            let a = ask_once(&c);
            assert!(matches!(&a, Answer::Retry { after, .. } if after.map(|d| d.as_secs()) == want_s), "{a:?}");
            let before = Instant::now();
            c.answered(a, w, &mut |e| events.push(e));
            let wait = c.not_before.duration_since(before).as_secs_f64();
            assert!((wait - want_s.map_or(4.0, |s| s as f64)).abs() < 0.5, "waits {wait:.2} s after {want_s:?}");
        }
        let a = ask_once(&c);
        assert!(matches!(&a, Answer::Match(f) if f.id == "trk_1" && f.title == "Knolls"), "{a:?}");
        c.answered(a, w, &mut |e| events.push(e));
        assert_eq!((c.failures, c.failing.is_none()), (0, true), "a success resets the back-off");
        c.answered(
            Answer::Match(Found { id: "trk_1".into(), title: "Knolls".into(), artist: String::new(), offset_s: 14.0, confidence: 0.9 }),
            Window { last: 400, ..w },
            &mut |e| events.push(e),
        );
        assert!(matches!(ask_once(&c), Answer::NoMatch));
        assert_eq!(events.len(), 1, "{events:?}");
        let RecognitionEvent::NowPlaying { name, offset_s, at_s, .. } = &events[0] else { panic!("{events:?}") };
        assert_eq!(name, "Knolls");
        // 12 s at the window's start, plus the stream time from there to the report
        assert!((offset_s - (12.0 + at_s - 100.0 * FRAME_S)).abs() < 1e-9, "{offset_s} at {at_s}");
        assert_eq!(c.playing.as_ref().map(|p| p.last_match), Some(400));
    }
}
