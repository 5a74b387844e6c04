//! Music recognition in the live host (`resonance live --db INDEX`).
//!
//! The engine's audio thread already hashes the programme (the main input) into landmarks
//! (`ParamId::Recognition`, on by default). With an index, each session moves its landmark
//! receiver to a [`StreamRecognizer`] thread; the events it reports come back to the control
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

/// The loaded index and the channel the matcher threads report on.
#[derive(Debug)]
pub struct Recognition {
    index: Arc<Index>,
    tx: mpsc::Sender<RecognitionEvent>,
    rx: mpsc::Receiver<RecognitionEvent>,
}

/// A session's matcher thread: stopped and joined when dropped.
#[derive(Debug)]
pub struct Recognizer(#[allow(dead_code, reason = "held for its Drop, which stops the thread")] RecognizerThread);

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
        Ok(Self { index: Arc::new(index), tx, rx })
    }

    /// Moves the session's landmark receiver to a new matcher thread.
    pub fn start(&self, handle: &mut EngineHandle) -> Result<Recognizer> {
        let landmarks = std::mem::replace(&mut handle.landmarks, LandmarkReceiver::disconnected());
        let tx = self.tx.clone();
        let thread = StreamRecognizer::new(Arc::clone(&self.index))
            .spawn(landmarks, move |e| {
                // the control loop is gone only when the run ends
                let _ = tx.send(e);
            })
            .context("cannot start the music recognition thread")?;
        Ok(Recognizer(thread))
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
