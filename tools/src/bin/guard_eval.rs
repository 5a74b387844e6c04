//! `guard-eval`: how long a not-cleared track plays in the programme before the copyright
//! guard's duck takes effect, on real music under commentary at 0 dB.
//!
//! For tracks of every collection of the recognition benchmark (the folder
//! `scripts/fetch-bench-collections.sh` fills: `GUARD_EVAL_COLLECTIONS`, else the recognition
//! benchmark's `FP_BENCH_COLLECTIONS`, else `target/bench-collections`; sub-folders acoustic,
//! electronic, orchestral, programme, rockpop), each
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
//! Minutes of music that hold material of an indexed track (found in a clean 5 s slice by
//! `resonance identify`'s path: a re-release, a shared loop, the programmes' same synthesised
//! sentences) are not negatives: they are skipped and counted, as the recognition benchmark
//! drops re-releases from its negatives.
//!
//! ```sh
//! cargo run --release -p resonance-tools --bin guard-eval
//! GUARD_EVAL_TRACKS=12 GUARD_EVAL_TRIALS=2 ...   # tracks per collection, trials per track
//! GUARD_EVAL_ONLY=orchestral ...                 # some collections only (tuning)
//! GUARD_EVAL_LEVEL=6 GUARD_EVAL_CONFIRM_LEVEL=4 GUARD_EVAL_CONFIRM_MIN=4 ...  # the acceptance
//! GUARD_EVAL_CONFIRM_LEVEL=off ...               # a single window's match (before decision 0066)
//! GUARD_EVAL_MIN_SCORE=6 GUARD_EVAL_MIN_SPAN=0.5 ...  # the window's floors: hashes, span (s)
//! GUARD_EVAL_COMMENTARY_DB=-10 ...               # commentary level (`off`: the music alone)
//! GUARD_EVAL_VERBOSE=1 ...                       # every trial, every false or wrong name on stderr
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resonance_engine::fingerprint::RecognitionEvent;
use resonance_engine::fingerprint::hasher::EMIT_DELAY_FRAMES;
use resonance_engine::prelude::*;
use resonance_io::decode::{decode_file, resample};
use resonance_io::fingerprint::index::{Index, build_entries};
use resonance_io::fingerprint::matcher::{Identifier, IdentifyOptions};
use resonance_io::fingerprint::stream::{StreamOptions, StreamRecognizer, WINDOW_S};
use resonance_test_support::rng::SplitMix64;
use resonance_tools::fingerprint::collections::collections_dir;
use resonance_tools::fingerprint::corpus::speech_clips;

const RATE: u32 = 48_000;
const BLOCK: usize = 480;
const LEAD_S: f64 = 5.0;
const TRACK_S: f64 = 15.0;

fn env_usize(k: &str, d: usize) -> usize {
    std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d)
}

fn env_f64(k: &str) -> Option<f64> {
    std::env::var(k).ok().map(|v| v.trim().parse().unwrap_or_else(|_| panic!("{k}: {v:?} is not a number")))
}

/// The recogniser's acceptance: the default, or `GUARD_EVAL_LEVEL` (`-log10` of the window
/// query's alpha), `GUARD_EVAL_CONFIRM_LEVEL` (`-log10` of the confirmation's alpha; `off`:
/// a single window's match is reported, the acceptance before decision 0066) and
/// `GUARD_EVAL_CONFIRM_MIN` (distinct fresh hashes).
fn stream_options() -> StreamOptions {
    let mut o = StreamOptions::default();
    if let Some(l) = env_f64("GUARD_EVAL_LEVEL") {
        o.alpha = 10f64.powf(-l);
    }
    match std::env::var("GUARD_EVAL_CONFIRM_LEVEL").as_deref() {
        Ok("off") => o.confirm_alpha = None,
        Ok(_) => o.confirm_alpha = env_f64("GUARD_EVAL_CONFIRM_LEVEL").map(|l| 10f64.powf(-l)),
        Err(_) => {}
    }
    if let Some(m) = env_f64("GUARD_EVAL_CONFIRM_MIN") {
        o.confirm_min = m as u32;
    }
    if let Some(m) = env_f64("GUARD_EVAL_MIN_SCORE") {
        o.floor.min_score = m as u32;
    }
    if let Some(s) = env_f64("GUARD_EVAL_MIN_SPAN") {
        o.floor.min_span_s = s;
    }
    o
}

/// Level of the commentary against the music's RMS: `GUARD_EVAL_COMMENTARY_DB` (default 0 dB;
/// `off`: the track alone, to see what the commentary costs).
fn commentary_gain() -> f32 {
    match std::env::var("GUARD_EVAL_COMMENTARY_DB").as_deref() {
        Ok("off") => 0.0,
        Ok(_) => 10f32.powf(env_f64("GUARD_EVAL_COMMENTARY_DB").unwrap_or(0.0) as f32 / 20.0),
        Err(_) => 1.0,
    }
}

/// Whether `music` (at [`RATE`]) holds material of an indexed track: the offline identify
/// path (`resonance identify`'s) finds one in a clean 5 s slice, every 2.5 s. Such a stretch
/// is not a negative (a re-release, a shared loop, the same synthesised sentence); the
/// recognition benchmark drops re-releases from its negatives the same way.
fn indexed_material(index: &Index, ident: &mut Identifier, music: &[f32]) -> Option<String> {
    let (len, hop) = (5 * RATE as usize, RATE as usize * 5 / 2);
    (0..=music.len().saturating_sub(len)).step_by(hop).find_map(|from| {
        let m = *ident.identify(index, &music[from..from + len], f64::from(RATE)).matched()?;
        index.track(m.track).map(|t| format!("{} at {:.0} s", t.name, m.offset_s))
    })
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

/// What one trial measured (seconds from the track's start).
struct Trial {
    /// To the duck at −6 dB; `None`: not reported within the 15 s.
    duck: Option<f64>,
    /// To the first window that matched the track (the candidate, before its confirmation).
    candidate: Option<f64>,
    /// Whether the first report named another track.
    wrong: bool,
}

/// One trial of `programme` (the track starts after [`LEAD_S`]).
fn trial(index: &Arc<Index>, track: u32, from_s: f64, programme: &[f32]) -> Trial {
    let mut config = EngineConfig::default();
    config.params.set(ParamId::Recognition, 1.0);
    let (mut proc, mut handle) = Engine::new(config).prepare(f64::from(RATE), BLOCK, Layout::STEREO).expect("engine");
    let mut rec = StreamRecognizer::with_options(Arc::clone(index), stream_options());
    // The same window acceptance without the confirmation: when the first window matched.
    let mut probe = StreamRecognizer::with_options(Arc::clone(index), StreamOptions { confirm_alpha: None, ..stream_options() });
    let (mut l, mut r) = (vec![0.0; BLOCK], vec![0.0; BLOCK]);
    let start = (LEAD_S * f64::from(RATE)) as usize;
    let (mut reported, mut wrong, mut candidate) = (false, false, None);
    let tracing = std::env::var_os("GUARD_EVAL_TRACE").is_some();
    let mut seen: Vec<resonance_engine::Landmark> = Vec::new();
    for (k, chunk) in programme.chunks_exact(BLOCK).enumerate() {
        l.copy_from_slice(chunk);
        r.copy_from_slice(chunk);
        proc.process(&mut [&mut l[..], &mut r[..]], None, None);
        let end = (k + 1) * BLOCK;
        let since_start = (end as f64 - start as f64) / f64::from(RATE);
        if reported {
            if handle.meters.read().guard_db <= -6.0 {
                return Trial { duck: Some(since_start), candidate, wrong };
            }
            continue;
        }
        let (mut first, mut probed) = (None, false);
        let mut on = |e: RecognitionEvent| {
            if let RecognitionEvent::NowPlaying { track: t, .. } = e {
                first.get_or_insert(t);
            }
        };
        let mut on_probe = |e: RecognitionEvent| {
            if let RecognitionEvent::NowPlaying { track: t, .. } = e {
                probed |= t == track;
            }
        };
        let anchor = handle.landmarks.frames_hashed().saturating_sub(u64::from(EMIT_DELAY_FRAMES));
        while let Some(lm) = handle.landmarks.pop() {
            rec.push(lm, &mut on);
            probe.push(lm, &mut on_probe);
            if tracing {
                seen.push(lm);
            }
        }
        if tracing && k % 25 == 24 {
            trace_window(index, track, from_s, since_start, anchor, &seen);
        }
        rec.advance_to(u32::try_from(anchor).unwrap_or(u32::MAX), &mut on);
        probe.advance_to(u32::try_from(anchor).unwrap_or(u32::MAX), &mut on_probe);
        if probed && candidate.is_none() {
            candidate = Some(since_start);
        }
        match first {
            Some(t) if t == track => {
                reported = true;
                handle.commands.send(Command::Guard { gain_db: -20.0, fade_ms: 150, lease_ms: 6000 }).expect("queue");
            }
            Some(t) => {
                if !wrong && std::env::var_os("GUARD_EVAL_VERBOSE").is_some() {
                    eprintln!(
                        "wrong first: {} for {}",
                        index.track(t).map_or("?", |i| i.name.as_str()),
                        index.track(track).map_or("?", |i| i.name.as_str())
                    );
                }
                wrong = true;
            }
            None => {}
        }
    }
    Trial { duck: None, candidate, wrong }
}

/// `GUARD_EVAL_TRACE`: for the window the recogniser would query now (the last
/// [`WINDOW_S`] of landmarks), the landmarks in it, the distinct hashes on the track's true
/// cell (its alignment known from the excerpt's position), and the window query's outcome.
fn trace_window(index: &Index, track: u32, from_s: f64, since_start: f64, anchor: u64, seen: &[resonance_engine::Landmark]) {
    use resonance_engine::fingerprint::FRAME_S;
    use resonance_io::fingerprint::matcher::{Outcome, query_floor};
    let newest = u32::try_from(anchor).unwrap_or(u32::MAX);
    let start = newest.saturating_sub((WINDOW_S / FRAME_S).round() as u32);
    let window: Vec<resonance_engine::Landmark> = seen.iter().filter(|l| l.frame >= start).copied().collect();
    let align = ((from_s - LEAD_S) / FRAME_S).round() as i64;
    // Distinct hashes on the true cell (±2 frames), and those the matcher can count: ±1 frame,
    // and a hash with at most 400 postings (the matcher skips commoner ones).
    let (mut hits, mut countable): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    for l in &window {
        let dt = l.hash & 0x3f;
        let base = l.hash & !0x3f;
        let (hashes, tracks, fs) = index.posting_range(base | dt.saturating_sub(1).max(1), base | (dt + 1).min(0x3f));
        let on = |tol: i64| {
            hashes.iter().zip(tracks.iter().zip(fs)).any(|(&h, (&t, &f))| {
                t == track
                    && (i64::from(f) - i64::from(l.frame) - align).abs() <= tol
                    && (tol == 2 || hashes.iter().filter(|&&x| x == h).count() <= 400)
            })
        };
        if on(2) {
            hits.push(l.hash);
        }
        if on(1) {
            countable.push(l.hash);
        }
    }
    for v in [&mut hits, &mut countable] {
        v.sort_unstable();
        v.dedup();
    }
    let Some(first) = window.first().map(|l| l.frame) else { return };
    let rebased: Vec<resonance_engine::Landmark> =
        window.iter().map(|l| resonance_engine::Landmark { hash: l.hash, frame: l.frame - first }).collect();
    let o = stream_options();
    let duration = f64::from(newest - first) * FRAME_S + 1.0;
    let outcome = match query_floor(index, &rebased, duration, o.alpha, o.floor) {
        Outcome::Match(m) => format!(
            "match {} score {} thr {} sig {:.1}",
            if m.track == track { "true" } else { "OTHER" },
            m.score,
            m.threshold,
            m.significance
        ),
        Outcome::NoMatch { best_score, threshold, significance, .. } => {
            format!("no match: best {best_score} thr {threshold} sig {significance:.1}")
        }
        Outcome::TooShort { .. } => "too short".into(),
    };
    eprintln!(
        "  t {since_start:5.2} s: {} landmarks, true cell {} hashes ({} countable); {outcome}",
        window.len(),
        hits.len(),
        countable.len()
    );
}

/// Tracks the recogniser names in `minutes` of music that is not in the index (a minute from
/// each of `files`, in turn) under commentary at 0 dB, run as one continuous stream: each
/// would be a duck if the track it names were not cleared.
fn false_reports(index: &Arc<Index>, files: &[PathBuf], commentary: &[f32], minutes: usize) -> (usize, f64, usize) {
    let verbose = std::env::var_os("GUARD_EVAL_VERBOSE").is_some();
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(f64::from(RATE), BLOCK, Layout::STEREO).expect("engine");
    let mut rec = StreamRecognizer::with_options(Arc::clone(index), stream_options());
    let mut ident = Identifier::new(IdentifyOptions::default());
    let mut skipped = 0;
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
        if let Some(found) = indexed_material(index, &mut ident, piece) {
            eprintln!("not a negative: {} holds indexed material ({found})", p.display());
            skipped += 1;
            continue;
        }
        let g = commentary_gain() * rms(piece) / rms(commentary).max(1e-6);
        for chunk in piece.chunks_exact(BLOCK) {
            for (i, x) in chunk.iter().enumerate() {
                l[i] = 0.5 * (x + g * commentary[(c + i) % commentary.len()]);
            }
            c += BLOCK;
            r.copy_from_slice(&l);
            proc.process(&mut [&mut l[..], &mut r[..]], None, None);
            let mut on = |e: RecognitionEvent| {
                if let RecognitionEvent::NowPlaying { name, offset_s, confidence, at_s, .. } = e {
                    reports += 1;
                    if verbose {
                        eprintln!(
                            "false name: {name} at {offset_s:.1} s (confidence {confidence:.3}, stream {at_s:.1} s) while playing {}",
                            p.display()
                        );
                    }
                }
            };
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
    (reports, done as f64 / f64::from(RATE) / 60.0, skipped)
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
    let only = std::env::var("GUARD_EVAL_ONLY").ok();
    for coll in ["acoustic", "electronic", "orchestral", "programme", "rockpop"] {
        if only.as_deref().is_some_and(|o| !o.split(',').any(|c| c.trim() == coll)) {
            continue;
        }
        let files = audio_files(&root.join(coll));
        if files.is_empty() {
            eprintln!(
                "guard-eval: no audio in {}: run `bash scripts/fetch-bench-collections.sh {}` (or set GUARD_EVAL_COLLECTIONS or FP_BENCH_COLLECTIONS to the folder it filled)",
                root.join(coll).display(),
                root.display()
            );
            std::process::exit(2);
        }
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
    let root = std::env::var_os("GUARD_EVAL_COLLECTIONS").map_or_else(collections_dir, PathBuf::from);
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
            let g = commentary_gain() * rms(excerpt) / rms(&comm).max(1e-6);
            let programme: Vec<f32> = (0..lead + len).map(|i| g * comm[i] + if i >= lead { excerpt[i - lead] } else { 0.0 }).collect();
            let peak = programme.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6);
            let programme: Vec<f32> = programme.iter().map(|v| v * (0.9 / peak).min(1.0)).collect();
            let Trial { duck: latency, candidate, wrong } = trial(&index, *id, from as f64 / f64::from(RATE), &programme);
            if std::env::var_os("GUARD_EVAL_VERBOSE").is_some() {
                eprintln!(
                    "trial: {coll} {} from {:.1} s: duck {} s, first window {} s",
                    path.display(),
                    from as f64 / f64::from(RATE),
                    latency.map_or("-".into(), |s| format!("{s:.2}")),
                    candidate.map_or("-".into(), |s| format!("{s:.2}")),
                );
            }
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
        "\n{} trials in {:.0} s ({per} tracks per collection, {trials} trials each; commentary at 0 dB; {:?})\n",
        rows.iter().map(|r| r.2).sum::<usize>(),
        started.elapsed().as_secs_f64(),
        stream_options(),
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
        let (reports, played, skipped) = false_reports(&index, &negatives, &commentary, minutes);
        println!(
            "\nMusic not in the index under commentary at 0 dB, {played:.0} min in one stream: {reports} track(s) named (each a duck only if that track were not cleared); {skipped} minute(s) skipped as holding indexed material (found by `resonance identify`'s path, clean)."
        );
    }
}
