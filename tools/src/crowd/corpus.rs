//! The material of the crowd evaluation: the real clips of the test-audio set (and the extra
//! clips of `scripts/fetch-extra-audio.sh`), loaded as mono at [`RATE`] into the [`Split`]s.

use std::path::{Path, PathBuf};

use resonance_io::decode::{decode_file, resample};
use resonance_test_support::{test_audio_dir, wav_mono_at};

use super::synthesis::sudden;
use super::{RATE, Split};

/// A WAV clip of the test-audio set, as mono at [`RATE`] (linear interpolation).
fn load(dir: &Path, name: &str) -> Vec<f32> {
    wav_mono_at(&dir.join(name), RATE)
}

/// A clip fetched by `scripts/fetch-extra-audio.sh` (Ogg), as mono at [`RATE`].
fn load_extra(dir: &Path, name: &str) -> Vec<f32> {
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} not found: run `scripts/fetch-extra-audio.sh {}` (real applause and a real whistle from Debian packages)",
        path.display(),
        dir.display()
    );
    decode_mono(&path)
}

/// Any file the project's decoder reads, as mono at [`RATE`].
pub fn decode_mono(path: &Path) -> Vec<f32> {
    let d = decode_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    resample(&d.to_mono(), d.sample_rate, RATE).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Music-only tracks (Ogg files of `music/`, sorted by name), alternately to the tuning and
/// the held-out split.
fn music_tracks(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut tracks: Vec<PathBuf> = std::fs::read_dir(dir.join("music"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("music").display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ogg"))
        .collect();
    tracks.sort();
    let (music_tuning, music_held): (Vec<_>, Vec<_>) = tracks.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    (music_tuning.into_iter().map(|p| p.1).collect(), music_held.into_iter().map(|p| p.1).collect())
}

/// Every split, by name, in the order the tables print them: the tuning split, the held-out
/// split and five more held-out splits that differ from it only by their seed.
pub fn splits() -> Vec<(&'static str, Split)> {
    let dir = test_audio_dir();
    let l = |n: &str| load(&dir, n);
    let applause = load_extra(&dir, "extra/applause.ogg");
    let (music_tuning, music_held) = music_tracks(&dir);
    let tuning = Split {
        beds: ["crowd02", "crowd04", "crowd06", "crowd09", "crowd12", "crowd15", "crowd17", "fondo"]
            .iter()
            .map(|n| l(&format!("crowd/{n}.wav")))
            .collect(),
        chants: ["crowd01", "crowd05", "crowd08"].iter().map(|n| l(&format!("crowd/{n}.wav"))).collect(),
        boos: vec![l("events/crowdboo.wav")],
        whistles: ["refwhistleshort", "refwhistlelong", "refwhistletwice"].iter().map(|n| l(&format!("events/{n}.wav"))).collect(),
        cheer: l("events/crowdcheer.wav"),
        ooh: l("events/crowdooh.wav"),
        applause: applause.clone(),
        sudden_cheer: sudden(&l("events/crowdcheer.wav")),
        blind_whistle: Vec::new(),
        music: music_tuning,
        seed: 1,
    };
    let held = Split {
        beds: ["crowd", "crowd10", "crowd11"].iter().map(|n| l(&format!("crowd/{n}.wav"))).collect(),
        chants: ["crowd13", "crowd14", "crowd16"].iter().map(|n| l(&format!("crowd/{n}.wav"))).collect(),
        boos: vec![l("crowd/boou.wav")],
        whistles: vec![l("events/refwhistleend.wav")],
        cheer: l("events/crowdcheer.wav"),
        ooh: l("events/crowdooh.wav"),
        applause,
        sudden_cheer: sudden(&l("events/crowdcheer.wav")),
        blind_whistle: load_extra(&dir, "extra/whistle.ogg"),
        music: music_held,
        seed: 1001,
    };
    // The later held-out splits: the held-out clips with new offsets, levels and bed excerpts.
    // Each was added as an untouched check once the splits before it had been looked at for
    // diagnosis, and first run with the detector it checks.
    let more = [("held-out-2", 3001), ("held-out-3", 5001), ("held-out-4", 7001), ("held-out-5", 9001), ("held-out-6", 11001)]
        .map(|(name, seed)| (name, Split { seed, ..held.clone() }));
    let mut out = vec![("tuning", tuning), ("held-out", held)];
    out.extend(more);
    out
}
