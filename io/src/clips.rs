//! On-air clips on the engine's side, shared by the live host and the plugin: the bridge's
//! `/resonance/command/clip` turned into a clip voice of the engine (decision records 0039,
//! 0052 and 0069).
//!
//! A [`ClipPlayer`] owns a loader thread that fetches the clip — from the bridge's data folder
//! when [`Sources::dir`] names it, else over HTTP from the bridge
//! (`GET /play/{id}/stream?count=false`, which does not count as a listen) — checks its SHA-256
//! against the one the bridge sent, decodes it whole and resamples it to the engine's rate,
//! all off the audio thread. The front end's control thread (the live host's control loop, the
//! plugin's clip thread) then calls [`ClipPlayer::step`], which moves the buffer into a slot of
//! the engine's clip bank ([`ClipSender::load`]) and plays it at the next beat, bar or phrase
//! (or at once) through [`ClipSender::play`]. Clips stay loaded (64 slots, least recently used
//! replaced first), so firing a loaded clip again costs no fetch. The bank's report that a play
//! was scheduled comes back as [`ClipReport::Scheduled`] with the output sample it starts on
//! (the front end sends it to the bridge as `/resonance/clip_scheduled`; the bridge counts the
//! on-air play from it); a clip that cannot be played is [`ClipReport::Refused`] with the
//! reason. Buffers the bank hands back are dropped in `step`, on the control thread.
//!
//! Not for the audio thread: everything here allocates. The audio thread only sees the
//! engine's `ClipBank`, fed through the [`ClipSender`]'s lock-free queues.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use resonance_engine::Quantize;
use resonance_engine::synth::clips::{ClipData, ClipEvent, ClipRefusal, ClipSender, MAX_CLIP_SLOTS};
use sha2::{Digest, Sha256};

/// Largest clip file fetched (the bridge's own limit is 64 MiB by default).
const MAX_CLIP_BYTES: u64 = 256 << 20;
/// Connect and read timeout of a fetch.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// A clip the bridge asked to play.
#[derive(Clone, Debug, PartialEq)]
pub struct FireRequest {
    pub id: String,
    pub sha256: String,
    pub quantize: Quantize,
    pub gain_db: f32,
    pub fire_id: String,
    /// The bridge's HTTP port.
    pub port: u16,
}

/// Where the loader finds clip files.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The bridge's data folder (`DIR/clips/blobs/ab/abcd…`), read directly when it has the file.
    pub dir: Option<PathBuf>,
    /// Base URL of the bridge (`http://HOST:PORT`), overriding the one built from the OSC
    /// bridge address and the port the bridge sent.
    pub url: Option<String>,
    /// The bridge's host (from `--osc-bridge`).
    pub bridge_ip: Option<IpAddr>,
}

/// What became of a fire, for the bridge (`/resonance/clip_scheduled`, `/resonance/clip_refused`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ClipReport {
    /// The engine accepted the play: its first sample sounds at output sample `at`.
    Scheduled { id: String, fire_id: String, at: u64 },
    /// The clip cannot be played, and why (at most 200 characters).
    Refused { id: String, fire_id: String, reason: String },
}

/// A decoded clip (or why not), from the loader thread.
struct Loaded {
    sha256: String,
    result: Result<Box<ClipData>, String>,
}

/// A slot of the engine's clip bank as this side knows it.
#[derive(Debug)]
struct Slot {
    sha256: String,
    generation: u32,
    last_used: u64,
}

/// A front end's clip player: the loader thread and the slot table of the current activation.
/// Lives on one control thread (not the audio thread).
pub struct ClipPlayer {
    jobs: Option<mpsc::Sender<(FireRequest, u32)>>,
    done: mpsc::Receiver<Loaded>,
    thread: Option<JoinHandle<()>>,
    slots: Vec<Option<Slot>>,
    /// Fires waiting for their clip to be decoded (several fires of one clip wait together).
    loading: Vec<FireRequest>,
    /// Plays sent to the bank, waiting for its report: (slot, generation, clip id, fire id).
    reports: VecDeque<(u16, u32, String, String)>,
    generation: u32,
    uses: u64,
    /// Clips played since start (reported, scheduled).
    pub played: u64,
}

impl std::fmt::Debug for ClipPlayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClipPlayer").field("loading", &self.loading.len()).field("played", &self.played).finish_non_exhaustive()
    }
}

impl ClipPlayer {
    /// Starts the loader thread for an engine running at `rate` Hz.
    pub fn start(sources: Sources, rate: u32) -> Self {
        let (jobs, rx) = mpsc::channel::<(FireRequest, u32)>();
        let (tx, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("clip-loader".into())
            .spawn(move || {
                for (fire, generation) in rx {
                    let result = load(&sources, &fire, rate, generation);
                    if tx.send(Loaded { sha256: fire.sha256, result }).is_err() {
                        return;
                    }
                }
            })
            .ok();
        Self {
            jobs: Some(jobs),
            done,
            thread,
            slots: (0..MAX_CLIP_SLOTS).map(|_| None).collect(),
            loading: Vec::new(),
            reports: VecDeque::new(),
            generation: 0,
            uses: 0,
            played: 0,
        }
    }

    /// A new activation (the audio device came back, the plugin was re-activated): its clip
    /// bank is empty.
    pub fn reset(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = None);
        self.reports.clear();
    }

    /// The bridge's `/resonance/command/clip`: plays at once when the clip is loaded, else
    /// has it loaded first (played from a later [`ClipPlayer::step`]).
    pub fn fire(&mut self, fire: &FireRequest, sender: &mut ClipSender, report: &mut dyn FnMut(ClipReport)) {
        if let Some(i) = self.slots.iter().position(|s| s.as_ref().is_some_and(|s| s.sha256 == fire.sha256)) {
            self.play(i, fire, sender, report);
            return;
        }
        let first = !self.loading.iter().any(|f| f.sha256 == fire.sha256);
        self.loading.push(fire.clone());
        if first {
            self.generation = self.generation.wrapping_add(1);
            if self.jobs.as_ref().is_none_or(|j| j.send((fire.clone(), self.generation)).is_err()) {
                self.loading.retain(|f| f.sha256 != fire.sha256);
                report(refusal(fire, "the clip loader has stopped"));
            }
        }
    }

    /// Whether a fire is waiting for its clip to be fetched and decoded.
    pub fn is_loading(&self) -> bool {
        !self.loading.is_empty()
    }

    /// The control thread's turn: decoded clips into the bank (and their waiting fires
    /// played), the bank's reports turned into [`ClipReport`]s, spent buffers dropped.
    pub fn step(&mut self, sender: &mut ClipSender, report: &mut dyn FnMut(ClipReport)) {
        while let Ok(l) = self.done.try_recv() {
            let waiting: Vec<FireRequest> = self.loading.iter().filter(|f| f.sha256 == l.sha256).cloned().collect();
            self.loading.retain(|f| f.sha256 != l.sha256);
            let data = match l.result {
                Ok(d) => d,
                Err(why) => {
                    for f in &waiting {
                        report(refusal(f, &why));
                    }
                    continue;
                }
            };
            let generation = data.generation();
            let i = self.free_slot();
            let slot = u16::try_from(i).unwrap_or(0);
            if let Err(_data) = sender.load(slot, data) {
                for f in &waiting {
                    report(refusal(f, "the engine's clip queue is full; fire it again"));
                }
                continue;
            }
            self.slots[i] = Some(Slot { sha256: l.sha256, generation, last_used: 0 });
            for f in &waiting {
                self.play(i, f, sender, report);
            }
        }
        while let Some(e) = sender.next_event() {
            self.event(e, report);
        }
        sender.collect_garbage();
    }

    fn event(&mut self, e: ClipEvent, report: &mut dyn FnMut(ClipReport)) {
        let (slot, generation) = match e {
            ClipEvent::Scheduled { slot, generation, .. } | ClipEvent::Refused { slot, generation, .. } => (slot, generation),
            ClipEvent::Ended { .. } => return,
        };
        let Some(k) = self.reports.iter().position(|r| r.0 == slot && r.1 == generation) else { return };
        let Some((_, _, id, fire_id)) = self.reports.remove(k) else { return };
        match e {
            ClipEvent::Scheduled { at, .. } => {
                self.played += 1;
                report(ClipReport::Scheduled { id, fire_id, at });
            }
            ClipEvent::Refused { reason, .. } => {
                let why = match reason {
                    ClipRefusal::Stale => "the clip was replaced in the engine before it could play; fire it again",
                    ClipRefusal::NoSuchSlot => "the engine no longer holds the clip; fire it again",
                };
                report(ClipReport::Refused { id, fire_id, reason: why.into() });
            }
            ClipEvent::Ended { .. } => {}
        }
    }

    fn play(&mut self, i: usize, f: &FireRequest, sender: &mut ClipSender, report: &mut dyn FnMut(ClipReport)) {
        self.uses += 1;
        let Some(s) = self.slots[i].as_mut() else { return };
        s.last_used = self.uses;
        let (slot, generation) = (u16::try_from(i).unwrap_or(0), s.generation);
        if sender.play(slot, generation, f.quantize, f.gain_db).is_ok() {
            self.reports.push_back((slot, generation, f.id.clone(), f.fire_id.clone()));
            // a report that never comes (an event dropped) must not grow this forever
            if self.reports.len() > 256 {
                self.reports.pop_front();
            }
        } else {
            report(refusal(f, "the engine's clip queue is full; fire it again"));
        }
    }

    /// An empty slot, else the least recently used one.
    fn free_slot(&self) -> usize {
        self.slots
            .iter()
            .position(Option::is_none)
            .unwrap_or_else(|| (0..self.slots.len()).min_by_key(|&i| self.slots[i].as_ref().map_or(0, |s| s.last_used)).unwrap_or(0))
    }
}

impl Drop for ClipPlayer {
    fn drop(&mut self) {
        // closing the job channel ends the thread after its current fetch
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn refusal(f: &FireRequest, why: &str) -> ClipReport {
    ClipReport::Refused { id: f.id.clone(), fire_id: f.fire_id.clone(), reason: why.chars().take(200).collect() }
}

/// Fetches, checks, decodes and resamples one clip (the loader thread's work).
fn load(sources: &Sources, f: &FireRequest, rate: u32, generation: u32) -> Result<Box<ClipData>, String> {
    let bytes = match sources.dir.as_deref().map(|d| blob_path(d, &f.sha256)).filter(|p| p.is_file()) {
        Some(p) => std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
        None => fetch(sources, f)?,
    };
    let got = sha256_hex(&bytes);
    if got != f.sha256 {
        return Err(format!("the clip file's SHA-256 is {got}, not the {} the bridge sent; not played", f.sha256));
    }
    let mut tmp =
        tempfile::Builder::new().prefix(".resonance-clip-").tempfile().map_err(|e| format!("cannot write a temporary file: {e}"))?;
    tmp.write_all(&bytes).map_err(|e| format!("cannot write a temporary file: {e}"))?;
    drop(bytes);
    let d = crate::decode::decode_file(tmp.path()).map_err(|e| format!("cannot decode the clip: {e}"))?;
    let d = d.resampled(rate).map_err(|e| format!("cannot resample the clip to {rate} Hz: {e}"))?;
    let [left, right] = d.to_stereo();
    ClipData::new(left, right, generation).map_err(|_| "the clip decodes to no audio".to_string())
}

/// The SHA-256 of `bytes` in lower-case hex (how the bridge names a clip's content).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Where the bridge keeps a clip file under its data folder.
fn blob_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join("clips").join("blobs").join(&sha256[..2]).join(sha256)
}

/// `GET /play/{id}/stream?count=false` from the bridge: a plain HTTP/1.1 request (the bridge
/// answers a file with `Content-Length`); anything but a 200 is an error naming the status.
fn fetch(sources: &Sources, f: &FireRequest) -> Result<Vec<u8>, String> {
    let base = match (&sources.url, sources.bridge_ip) {
        (Some(u), _) => u.trim_end_matches('/').to_string(),
        (None, Some(ip)) if f.port != 0 => format!("http://{}", SocketAddr::new(ip, f.port)),
        _ => return Err("no way to fetch the clip: give the bridge's HTTP address (the live host's --clips-url, the plugin's RESONANCE_CLIPS_URL) or its data folder (--clips-dir, RESONANCE_CLIPS_DIR)".into()),
    };
    let hostport = base.strip_prefix("http://").ok_or_else(|| format!("the clips URL {base:?} must start with http://"))?;
    let addr = hostport
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| format!("cannot resolve the bridge address {hostport:?}"))?;
    let mut s = TcpStream::connect_timeout(&addr, FETCH_TIMEOUT).map_err(|e| format!("cannot reach the bridge at {addr}: {e}"))?;
    s.set_read_timeout(Some(FETCH_TIMEOUT)).map_err(|e| e.to_string())?;
    write!(s, "GET /play/{}/stream?count=false HTTP/1.1\r\nHost: {hostport}\r\nConnection: close\r\n\r\n", f.id)
        .map_err(|e| format!("cannot ask the bridge for the clip: {e}"))?;
    let mut all = Vec::new();
    s.take(MAX_CLIP_BYTES + 64 * 1024).read_to_end(&mut all).map_err(|e| format!("fetching the clip from {addr}: {e}"))?;
    let end = all.windows(4).position(|w| w == b"\r\n\r\n").ok_or("the bridge's answer has no header end")?;
    let head = String::from_utf8_lossy(&all[..end]).to_string();
    let status = head.split_whitespace().nth(1).unwrap_or("?");
    if status != "200" {
        let body = String::from_utf8_lossy(&all[end + 4..]).chars().take(200).collect::<String>();
        return Err(format!("the bridge answered {status} for clip {}: {body}", f.id));
    }
    if head.lines().any(|l| l.to_ascii_lowercase().starts_with("transfer-encoding:")) {
        return Err("the bridge's answer is chunked; this loader reads Content-Length bodies only".into());
    }
    Ok(all.split_off(end + 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blob_is_found_under_its_digest() {
        let p = blob_path(Path::new("/data"), &"ab".repeat(32));
        assert_eq!(p, Path::new("/data/clips/blobs/ab").join("ab".repeat(32)));
    }

    #[test]
    fn a_file_that_is_not_the_one_the_bridge_named_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sha = "00".repeat(32);
        let p = blob_path(dir.path(), &sha);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, b"not the right bytes").unwrap();
        let sources = Sources { dir: Some(dir.path().to_path_buf()), ..Sources::default() };
        let f = FireRequest {
            id: "clp_0011223344556677".into(),
            sha256: sha,
            quantize: Quantize::Beat,
            gain_db: 0.0,
            fire_id: "f".into(),
            port: 0,
        };
        let e = load(&sources, &f, 48_000, 1).unwrap_err();
        assert!(e.contains("SHA-256"), "{e}");
        let e = fetch(&Sources::default(), &f).unwrap_err();
        assert!(e.contains("--clips-url"), "{e}");
    }
}
