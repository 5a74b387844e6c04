//! Music recognition in the live host (`resonance live --db INDEX`, or `--recognition URL`).
//!
//! The engine's audio thread already hashes the programme (the main input) into landmarks
//! (`ParamId::Recognition`, on by default). With an index, each session moves its landmark
//! receiver to a [`StreamRecognizer`] thread; with a recognition service's URL, to a
//! [`Remote`] client thread that sends the landmarks as fingerprints and reads "now playing"
//! from the answers (module [`remote`](super::remote)). The events either reports come back to the control
//! loop over a channel, which sends them to the bridge as `/resonance/now_playing` (title,
//! artist, confidence; an empty title when the music ended), prints them on stderr and, with
//! `--json`, writes each as one JSON line on stdout (the closing summary stays the last line).

use std::path::Path;
use std::sync::{Arc, mpsc};

use anyhow::{Context, Result};
use resonance_engine::EngineHandle;
use resonance_engine::LandmarkReceiver;
use resonance_io::fingerprint::index::Index;
use resonance_io::fingerprint::stream::{RecognitionEvent, RecognizerThread, StreamRecognizer};
use resonance_protocol::{Inbound, OscPeer};

use super::remote::{Remote, RemoteThread};

/// What the programme is matched against.
#[derive(Debug)]
enum Matcher {
    /// A local index (`--db`).
    Local(Arc<Index>),
    /// A recognition service (`--recognition URL`).
    Remote(Remote),
}

/// The matcher and the channel the matcher threads report on.
#[derive(Debug)]
pub struct Recognition {
    matcher: Matcher,
    tx: mpsc::Sender<RecognitionEvent>,
    rx: mpsc::Receiver<RecognitionEvent>,
}

/// A session's matcher thread (local or remote): stopped and joined when dropped.
#[derive(Debug)]
#[allow(dead_code, reason = "held for their Drop, which stops the thread")]
pub enum Recognizer {
    Local(RecognizerThread),
    Remote(RemoteThread),
}

impl Recognition {
    /// Loads the index once for every session of this run.
    pub fn load(db: &Path, quiet: bool) -> Result<Self> {
        let index = Index::load(db).with_context(|| {
            format!("--db {}: cannot load the fingerprint index (build one with `resonance index MUSIC... --db FILE`)", db.display())
        })?;
        if !quiet {
            eprintln!("recognition: {} tracks from {}", index.tracks().len(), db.display());
        }
        let (tx, rx) = mpsc::channel();
        Ok(Self { matcher: Matcher::Local(Arc::new(index)), tx, rx })
    }

    /// Asks the recognition service at `url` (module [`remote`](super::remote)).
    ///
    /// # Errors
    /// A URL or interval that cannot be used.
    pub fn remote(url: &str, key: Option<String>, every_s: f64, quiet: bool) -> Result<Self> {
        let remote = Remote::new(url, key, every_s, quiet)?;
        if !quiet {
            eprintln!("recognition: asking {} every {every_s} s", remote.endpoint());
        }
        let (tx, rx) = mpsc::channel();
        Ok(Self { matcher: Matcher::Remote(remote), tx, rx })
    }

    /// Moves the session's landmark receiver to a new matcher thread.
    pub fn start(&self, handle: &mut EngineHandle) -> Result<Recognizer> {
        let landmarks = std::mem::replace(&mut handle.landmarks, LandmarkReceiver::disconnected());
        let tx = self.tx.clone();
        // the control loop is gone only when the run ends
        let report = move |e| {
            let _ = tx.send(e);
        };
        Ok(match &self.matcher {
            Matcher::Local(index) => Recognizer::Local(
                StreamRecognizer::new(Arc::clone(index)).spawn(landmarks, report).context("cannot start the music recognition thread")?,
            ),
            Matcher::Remote(remote) => {
                Recognizer::Remote(remote.spawn(landmarks, report).context("cannot start the recognition service client thread")?)
            }
        })
    }

    /// Sends, prints and writes every event reported since the last call.
    pub fn forward(&self, osc: Option<&OscPeer>, json: bool, quiet: bool) {
        while let Ok(e) = self.rx.try_recv() {
            if let Some(p) = osc {
                p.report(&Inbound::from_recognition(&e));
            }
            if json {
                match serde_json::to_string(&e) {
                    Ok(line) => println!("{line}"),
                    Err(err) => eprintln!("cannot write a recognition event as JSON: {err}"),
                }
            }
            if !quiet {
                eprintln!("{}", human(&e));
            }
        }
    }
}

fn human(e: &RecognitionEvent) -> String {
    match e {
        RecognitionEvent::NowPlaying { name, title, artist, offset_s, confidence, at_s, .. } => {
            let tags = match (title, artist) {
                (Some(t), Some(a)) => format!(" ({t} — {a})"),
                (Some(t), None) => format!(" ({t})"),
                _ => String::new(),
            };
            format!("{at_s:>8.2} s  now playing {name}{tags} at {offset_s:.1} s, confidence {confidence:.2}")
        }
        RecognitionEvent::Ended { name, at_s, .. } => format!("{at_s:>8.2} s  ended {name}"),
        _ => format!("{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ended_is_an_empty_title_and_now_playing_falls_back_to_the_stem() {
        let np = RecognitionEvent::NowPlaying {
            track: 3,
            name: "knolls".into(),
            title: None,
            artist: None,
            offset_s: 12.0,
            confidence: 0.9,
            at_s: 2.5,
        };
        assert_eq!(Inbound::from_recognition(&np), Inbound::NowPlaying { title: "knolls".into(), artist: String::new(), confidence: 0.9 });
        assert!(human(&np).contains("now playing knolls at 12.0 s"), "{}", human(&np));
        let end = RecognitionEvent::Ended { track: 3, name: "knolls".into(), at_s: 9.0 };
        assert_eq!(Inbound::from_recognition(&end), Inbound::NowPlaying { title: String::new(), artist: String::new(), confidence: 0.0 });
        let line = serde_json::to_string(&end).unwrap();
        assert!(line.contains(r#""type":"ended""#), "{line}");
    }
}
