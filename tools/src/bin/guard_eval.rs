//! `guard-eval`: how long a not-cleared track plays in the programme before the copyright
//! guard's duck takes effect, on real music under commentary at 0 dB.
//!
//! For tracks of every collection of the recognition benchmark (`/work/data/bench-collections`
//! or `GUARD_EVAL_COLLECTIONS`: acoustic, electronic, orchestral, programme, rockpop), each
//! trial builds a programme of 5 s of commentary (espeak-ng speech, as the fingerprint
//! benchmark's) followed by 15 s of the track from a seeded position, with the commentary going
//! on over it at the same RMS (0 dB). It runs, in stream time (no sockets, no waiting):
//!
//! * the real engine at 48 kHz, recognition on, the programme on its main input;
//! * the live host's recogniser ([`StreamRecognizer`]) on the engine's landmark stream and clock,
//!   against an index of the chosen tracks built as `resonance index` builds it;
//! * on the recogniser's first report of the track, the guard command the bridge sends
//!   (`Command::Guard`, −20 dB, 150 ms fade, 6 s lease) into the engine's queue before the next
//!   block; the duck counts as taken effect when the engine's programme gain reaches −6 dB
//!   (`Meters::guard_db`, per 10 ms block).
//!
//! Then `GUARD_EVAL_NEGATIVE_MIN` (default 60) minutes of music from the same collections that
//! is not in the index, under commentary, as one stream: every track the recogniser names there
//! would be a false duck if that track were not cleared.
//!
//! Not simulated: the OSC hops and the bridge's decision and clearance look-up (loopback and
//! in-memory: milliseconds; the bridge e2e tests time them). Prints a markdown table per
//! collection: detected, wrong track first, latency p50 / p95 / max.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/rel-target cargo run --release -p resonance-tools --bin guard-eval
//! GUARD_EVAL_TRACKS=12 GUARD_EVAL_TRIALS=2 ...   # tracks per collection, trials per track
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resonance_engine::fingerprint::RecognitionEvent;
use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;
use resonance_engine::prelude::*;
use resonance_io::decode::{decode_file, resample};
use resonance_io::fingerprint::index::{Index, build_entries};
use resonance_io::fingerprint::stream::StreamRecognizer;
use resonance_test_support::rng::SplitMix64;
use resonance_tools::fingerprint::corpus::speech_clips;

const RATE: u32 = 48_000;
const BLOCK: usize = 480;
const LEAD_S: f64 = 5.0;
const TRACK_S: f64 = 15.0;

fn env_usize(k: &str, d: usize) -> usize {
    std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d)
}

fn audio_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| ["ogg", "flac", "wav", "mp3"].contains(&e.to_string_lossy().to_lowercase().as_str())))
        .collect();
    v.sort();
    v
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

/// One trial: seconds from the track's start to the duck at −6 dB, and whether the first
/// report named another track. `None`: not reported within the 15 s.
fn trial(index: &Arc<Index>, track: u32, programme: &[f32]) -> (Option<f64>, bool) {
    let mut config = EngineConfig::default();
    config.params.set(ParamId::Recognition, 1.0);
    let (mut proc, mut handle) = Engine::new(config).prepare(f64::from(RATE), BLOCK, Layout::STEREO).expect("engine");
    let mut rec = StreamRecognizer::new(Arc::clone(index));
    let (mut l, mut r) = (vec![0.0; BLOCK], vec![0.0; BLOCK]);
    let start = (LEAD_S * f64::from(RATE)) as usize;
    let (mut reported, mut wrong) = (false, false);
    for (k, chunk) in programme.chunks_exact(BLOCK).enumerate() {
        l.copy_from_slice(chunk);
        r.copy_from_slice(chunk);
        proc.process(&mut [&mut l[..], &mut r[..]], None, None);
        let end = (k + 1) * BLOCK;
        if reported {
            if handle.meters.read().guard_db <= -6.0 {
                return (Some((end as f64 - start as f64) / f64::from(RATE)), wrong);
            }
            continue;
        }
        let mut first = None;
        let mut on = |e: RecognitionEvent| {
            if let RecognitionEvent::NowPlaying { track: t, .. } = e {
                first.get_or_insert(t);
            }
        };
        while let Some(lm) = handle.landmarks.pop() {
            rec.push(lm, &mut on);
        }
        let anchor = handle.landmarks.frames_hashed().saturating_sub(u64::from(EMIT_DELAY_FRAMES));
        rec.advance_to(u32::try_from(anchor).unwrap_or(u32::MAX), &mut on);
        match first {
            Some(t) if t == track => {
                reported = true;
                handle.commands.send(Command::Guard { gain_db: -20.0, fade_ms: 150, lease_ms: 6000 }).expect("queue");
            }
            Some(_) => wrong = true,
            None => {}
        }
    }
    (None, wrong)
}

/// Tracks the recogniser names in `minutes` of music that is not in the index (a minute from
/// each of `files`, in turn) under commentary at 0 dB, run as one continuous stream: each
/// would be a duck if the track it names were not cleared.
fn false_reports(index: &Arc<Index>, files: &[PathBuf], commentary: &[f32], minutes: usize) -> (usize, f64) {
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(f64::from(RATE), BLOCK, Layout::STEREO).expect("engine");
    let mut rec = StreamRecognizer::new(Arc::clone(index));
    let (mut l, mut r) = (vec![0.0; BLOCK], vec![0.0; BLOCK]);
    let (mut reports, mut done, mut c) = (0, 0usize, 0usize);
    let minute = 60 * RATE as usize;
    for p in files.iter().cycle().take(files.len() * 4) {
        let Ok(d) = decode_file(p) else { continue };
        let Ok(music) = resample(&d.to_mono(), d.sample_rate, RATE) else { continue };
        if music.len() < minute {
            continue;
        }
        let from = (music.len() - minute) / 2;
        let piece = &music[from..from + minute];
        let g = rms(piece) / rms(commentary).max(1e-6);
        for chunk in piece.chunks_exact(BLOCK) {
            for (i, x) in chunk.iter().enumerate() {
                l[i] = 0.5 * (x + g * commentary[(c + i) % commentary.len()]);
            }
            c += BLOCK;
            r.copy_from_slice(&l);
            proc.process(&mut [&mut l[..], &mut r[..]], None, None);
            let mut on = |e: RecognitionEvent| reports += usize::from(matches!(e, RecognitionEvent::NowPlaying { .. }));
            while let Some(lm) = handle.landmarks.pop() {
                rec.push(lm, &mut on);
            }
            let anchor = handle.landmarks.frames_hashed().saturating_sub(u64::from(EMIT_DELAY_FRAMES));
            rec.advance_to(u32::try_from(anchor).unwrap_or(u32::MAX), &mut on);
        }
        done += minute;
        if done >= minutes * minute {
            break;
        }
    }
    (reports, done as f64 / f64::from(RATE) / 60.0)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    v[((p * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)]
}

/// `per` tracks of every collection (evenly spaced in file order), and the other tracks of
/// all collections interleaved.
fn choose(root: &Path, per: usize) -> (Vec<(String, PathBuf)>, Vec<PathBuf>) {
    let mut chosen: Vec<(String, PathBuf)> = Vec::new();
    let mut others: Vec<Vec<PathBuf>> = Vec::new();
    for coll in ["acoustic", "electronic", "orchestral", "programme", "rockpop"] {
        let files = audio_files(&root.join(coll));
        assert!(
            !files.is_empty(),
            "no audio in {}: run scripts/fetch-bench-collections.sh or set GUARD_EVAL_COLLECTIONS",
            root.join(coll).display()
        );
        let step = (files.len() / per.min(files.len())).max(1);
        let picked: Vec<PathBuf> = files.iter().step_by(step).take(per).cloned().collect();
        others.push(files.into_iter().filter(|f| !picked.contains(f)).collect::<Vec<_>>());
        chosen.extend(picked.into_iter().map(|p| (coll.to_string(), p)));
    }
    // Not indexed, interleaved across the collections.
    let longest = others.iter().map(Vec::len).max().unwrap_or(0);
    let negatives: Vec<PathBuf> = (0..longest).flat_map(|i| others.iter().filter_map(move |o| o.get(i).cloned())).collect();
    (chosen, negatives)
}

fn main() {
    let root = std::env::var("GUARD_EVAL_COLLECTIONS").map_or_else(|_| PathBuf::from("/work/data/bench-collections"), PathBuf::from);
    let per = env_usize("GUARD_EVAL_TRACKS", 10);
    let trials = env_usize("GUARD_EVAL_TRIALS", 2);
    let mut rng = SplitMix64(30);
    let tmp = std::env::temp_dir().join("guard-eval-speech");
    let speech: Vec<Vec<f32>> = speech_clips(&tmp, 10).into_iter().map(|s| resample(&s, 44_100, RATE).expect("resample")).collect();
    let commentary: Vec<f32> = speech.iter().flat_map(|s| s.iter().copied().chain(std::iter::repeat_n(0.0, RATE as usize / 4))).collect();

    // The chosen tracks of every collection, indexed; the others are the negatives.
    let (chosen, negatives) = choose(&root, per);
    eprintln!("indexing {} tracks", chosen.len());
    let mut index = Index::new();
    let mut items = Vec::new();
    for (_, p) in &chosen {
        items.push(build_entries(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())));
    }
    let ids = index.add_tracks(items);
    let index = Arc::new(index);

    let mut rows: Vec<(String, Vec<f64>, usize, usize, usize)> = Vec::new();
    let mut all = Vec::new();
    let started = std::time::Instant::now();
    for ((coll, path), id) in chosen.iter().zip(&ids) {
        let d = decode_file(path).expect("decode");
        let music = resample(&d.to_mono(), d.sample_rate, RATE).expect("resample");
        let len = (TRACK_S * f64::from(RATE)) as usize;
        let lead = (LEAD_S * f64::from(RATE)) as usize;
        if music.len() < len + RATE as usize {
            eprintln!("skipped (shorter than 16 s): {}", path.display());
            continue;
        }
        if rows.last().is_none_or(|r| &r.0 != coll) {
            rows.push((coll.clone(), Vec::new(), 0, 0, 0));
        }
        for _ in 0..trials {
            let from = (rng.next_u64() as usize) % (music.len() - len);
            let excerpt = &music[from..from + len];
            let c0 = (rng.next_u64() as usize) % commentary.len();
            let comm: Vec<f32> = (0..lead + len).map(|i| commentary[(c0 + i) % commentary.len()]).collect();
            let g = rms(excerpt) / rms(&comm).max(1e-6);
            let programme: Vec<f32> = (0..lead + len).map(|i| g * comm[i] + if i >= lead { excerpt[i - lead] } else { 0.0 }).collect();
            let peak = programme.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6);
            let programme: Vec<f32> = programme.iter().map(|v| v * (0.9 / peak).min(1.0)).collect();
            let (latency, wrong) = trial(&index, *id, &programme);
            let row = rows.last_mut().expect("row");
            row.2 += 1;
            row.4 += usize::from(wrong);
            if let Some(s) = latency {
                row.1.push(s);
                all.push(s);
            } else {
                row.3 += 1;
            }
        }
    }
    println!(
        "\n{} trials in {:.0} s ({per} tracks per collection, {trials} trials each; commentary at 0 dB)\n",
        rows.iter().map(|r| r.2).sum::<usize>(),
        started.elapsed().as_secs_f64(),
    );
    println!("| collection | trials | ducked | not reported in 15 s | a wrong track first | p50 (s) | p95 (s) | max (s) |");
    println!("|---|---|---|---|---|---|---|---|");
    for (coll, mut v, n, missed, wrong) in rows {
        let max = v.iter().copied().fold(f64::NAN, f64::max);
        println!(
            "| {coll} | {n} | {} | {missed} | {wrong} | {:.2} | {:.2} | {max:.2} |",
            v.len(),
            percentile(&mut v, 0.5),
            percentile(&mut v, 0.95),
        );
    }
    let n = all.len();
    let max = all.iter().copied().fold(f64::NAN, f64::max);
    println!("| **all** | | {n} | | | {:.2} | **{:.2}** | {max:.2} |", percentile(&mut all, 0.5), percentile(&mut all, 0.95));
    let minutes = env_usize("GUARD_EVAL_NEGATIVE_MIN", 60);
    if minutes > 0 {
        let (reports, played) = false_reports(&index, &negatives, &commentary, minutes);
        println!(
            "\nMusic not in the index under commentary at 0 dB, {played:.0} min in one stream: {reports} track(s) named (each a duck only if that track were not cleared)."
        );
    }
}
