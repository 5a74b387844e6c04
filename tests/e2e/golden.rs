//! Golden tests: the outputs of `resonance analyze`, `render` and `identify` on fixed real
//! recordings, compared with checked-in files under `tests/golden/` within stated tolerances.
//!
//! Determinism tests elsewhere compare a run with another run, so a DSP change that alters the
//! output the same way every time passes them; these tests compare with what the tree produced
//! when the files were last blessed. After an intended change of the sound or the analysis,
//! re-bless (rewrite the files; the tests then pass) and review the diff of `tests/golden/`:
//!
//! ```text
//! RESONANCE_BLESS=1 cargo test --test e2e golden
//! ```
//!
//! Tolerances (each file states its own in its `tolerances` field, and the tests check that
//! field against the constants here, so the two cannot drift apart):
//! - `analyze.json`: events' kind and count exact, onset ±10 ms, confidence ±0.02; mood label
//!   runs exact, mean valence/arousal ±0.02.
//! - `render.json`: length exact, integrated loudness ±0.05 LU, true and sample peak
//!   ±0.05 dB, spectral hash (per-second energy in 8 octave bands, in 0.5 dB steps) ±1 step.
//! - `identify.json`: landmark count exact, track exact, offset ±0.05 s, score ±1 %,
//!   confidence ±0.02.
//!
//! Without the real test audio the tests print why and pass (skip).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{read_wav, resonance, stderr, stdout};

/// The environment variable that rewrites the golden files instead of checking them.
const BLESS_VAR: &str = "RESONANCE_BLESS";
const BLESS_CMD: &str = "RESONANCE_BLESS=1 cargo test --test e2e golden";

/// Analysis: event onset (s), event confidence, mean mood valence/arousal.
const EVENT_T_TOL_S: f64 = 0.010;
const EVENT_CONF_TOL: f64 = 0.02;
const MOOD_MEAN_TOL: f64 = 0.02;

/// Render: integrated loudness (LU), true/sample peak (dB), spectral hash (steps of 0.5 dB).
const LUFS_TOL: f64 = 0.05;
const PEAK_TOL_DB: f64 = 0.05;
const SPECTRUM_STEP_DB: f64 = 0.5;
const SPECTRUM_TOL_STEPS: i64 = 1;
/// Octave band centres of the spectral hash (all under the Nyquist frequency of 22.05 kHz).
const BAND_CENTRES_HZ: [f64; 8] = [63.0, 125.0, 250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0];

/// Identify: match offset (s), relative score, confidence.
const OFFSET_TOL_S: f64 = 0.05;
const SCORE_TOL_REL: f64 = 0.01;
const MATCH_CONF_TOL: f64 = 0.02;

// ---------------------------------------------------------------------------------------------
// Harness: where the files are, bless or compare, collecting every mismatch before failing.

fn blessing() -> bool {
    std::env::var_os(BLESS_VAR).is_some_and(|v| v == "1")
}

/// The real test audio, or `None` (with a message saying why the test is skipped).
fn audio_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("RESONANCE_TEST_AUDIO")
        .filter(|v| !v.is_empty())
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-audio"), PathBuf::from);
    if dir.join(".complete").is_file() {
        return Some(dir);
    }
    eprintln!(
        "skipping {test}: real test audio not found in {} (run `bash ../shared/data/fetch-test-audio.sh target/test-audio` \
         from the repository root, or set RESONANCE_TEST_AUDIO)",
        dir.display()
    );
    None
}

fn golden_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file)
}

/// Every difference between the golden file and this run, as one line each.
#[derive(Debug, Default)]
struct Mismatches(Vec<String>);

impl Mismatches {
    fn push(&mut self, what: String) {
        self.0.push(what);
    }

    fn exact(&mut self, at: &str, expected: &Value, got: &Value) {
        if expected != got {
            self.push(format!("{at}: expected {expected}, got {got}"));
        }
    }

    fn near(&mut self, at: &str, expected: &Value, got: &Value, tol: f64) {
        match (expected.as_f64(), got.as_f64()) {
            (Some(e), Some(g)) if (e - g).abs() <= tol + 1e-9 => {}
            (Some(e), Some(g)) => self.push(format!("{at}: expected {e} ± {tol}, got {g} (off by {:.4})", g - e)),
            _ => self.exact(at, expected, got),
        }
    }

    /// Compares two arrays element by element with `each`, after checking their lengths.
    fn each(&mut self, at: &str, expected: &Value, got: &Value, mut each: impl FnMut(&mut Self, &str, &Value, &Value)) {
        let (e, g) = (arr(expected), arr(got));
        if e.len() != g.len() {
            self.push(format!("{at}: expected {} entries, got {}: expected {expected}, got {got}", e.len(), g.len()));
            return;
        }
        for (i, (e, g)) in e.iter().zip(g).enumerate() {
            each(self, &format!("{at}[{i}]"), e, g);
        }
    }
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn round(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

/// Blesses (writes `header` + `cases` to `file`) or compares `cases` with the file's, case by
/// case with `compare`; panics with every mismatch listed.
fn bless_or_check(file: &str, header: &Value, cases: &Value, compare: impl Fn(&mut Mismatches, &str, &Value, &Value)) {
    let path = golden_path(file);
    if blessing() {
        let mut doc = header.clone();
        doc["cases"] = cases.clone();
        std::fs::create_dir_all(path.parent().expect("tests/golden")).expect("create tests/golden");
        let text = serde_json::to_string_pretty(&doc).expect("serialise golden") + "\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("blessed {}", path.display());
        return;
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("golden file {} unreadable ({e}); create it with `{BLESS_CMD}`", path.display()));
    let golden: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut m = Mismatches::default();
    m.exact("tolerances (the file's against the test's; re-bless after changing them)", &golden["tolerances"], &header["tolerances"]);
    let (want, got) = (golden["cases"].as_object().cloned().unwrap_or_default(), cases.as_object().cloned().unwrap_or_default());
    let names = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
    if names(&want) != names(&got) {
        m.push(format!("cases: expected {:?}, got {:?}", names(&want), names(&got)));
    }
    for (name, w) in &want {
        if let Some(g) = got.get(name) {
            compare(&mut m, name, w, g);
        }
    }
    assert!(
        m.0.is_empty(),
        "{} differs from this build in {} place(s):\n  {}\nIf the change is intended, re-bless with `{BLESS_CMD}` and review the diff.",
        path.display(),
        m.0.len(),
        m.0.join("\n  ")
    );
}

fn run_ok(dir: &Path, args: &[&str]) -> std::process::Output {
    let o = resonance(dir, args);
    assert!(o.status.success(), "resonance {}: {}", args.join(" "), stderr(&o));
    o
}

// ---------------------------------------------------------------------------------------------
// a. The crowd analyser's event timeline and mood on fixed crowd recordings.

/// Real recordings whose timelines are pinned: two chanting crowds (one turns from calm to
/// chanting), booing with a whistle in it, and a referee's whistle blown twice (44.1 kHz 16-bit;
/// the others are 22.05 kHz 8-bit).
const ANALYZE_CLIPS: [&str; 4] = ["crowd/crowd05.wav", "crowd/crowd14.wav", "events/crowdboo.wav", "events/refwhistleend.wav"];

/// Events as (kind, onset, confidence) and the mood as label runs plus mean valence/arousal.
fn analyze_case(audio: &Path, rel: &str) -> Value {
    let o = run_ok(audio, &["analyze", "--json", rel]);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("analyze --json prints one JSON document");
    let events: Vec<Value> = arr(&doc["events"])
        .iter()
        .map(|e| json!({"kind": e["kind"], "t": round(e["t"].as_f64().unwrap_or(f64::NAN), 4), "confidence": round(e["confidence"].as_f64().unwrap_or(f64::NAN), 4)}))
        .collect();
    let moods = arr(&doc["mood"]);
    let mut runs: Vec<Value> = Vec::new();
    for m in moods {
        match runs.last_mut() {
            Some(r) if r["label"] == m["label"] => r["snapshots"] = json!(r["snapshots"].as_u64().unwrap_or(0) + 1),
            _ => runs.push(json!({"label": m["label"], "from_s": round(m["t"].as_f64().unwrap_or(f64::NAN), 3), "snapshots": 1})),
        }
    }
    let mean = |k: &str| round(moods.iter().filter_map(|m| m[k].as_f64()).sum::<f64>() / moods.len().max(1) as f64, 4);
    json!({
        "events": events,
        "mood": {"snapshots": moods.len(), "runs": runs, "mean_valence": mean("valence"), "mean_arousal": mean("arousal")},
    })
}

fn compare_analyze(m: &mut Mismatches, name: &str, want: &Value, got: &Value) {
    m.each(&format!("{name} events"), &want["events"], &got["events"], |m, at, w, g| {
        m.exact(&format!("{at}.kind"), &w["kind"], &g["kind"]);
        m.near(&format!("{at} ({}).t", w["kind"]), &w["t"], &g["t"], EVENT_T_TOL_S);
        m.near(&format!("{at} ({}).confidence", w["kind"]), &w["confidence"], &g["confidence"], EVENT_CONF_TOL);
    });
    let (wm, gm) = (&want["mood"], &got["mood"]);
    m.exact(&format!("{name} mood.snapshots"), &wm["snapshots"], &gm["snapshots"]);
    m.each(&format!("{name} mood.runs"), &wm["runs"], &gm["runs"], |m, at, w, g| {
        m.exact(&format!("{at}.label"), &w["label"], &g["label"]);
        m.exact(&format!("{at}.snapshots"), &w["snapshots"], &g["snapshots"]);
        m.near(&format!("{at}.from_s"), &w["from_s"], &g["from_s"], EVENT_T_TOL_S);
    });
    for k in ["mean_valence", "mean_arousal"] {
        m.near(&format!("{name} mood.{k}"), &wm[k], &gm[k], MOOD_MEAN_TOL);
    }
}

#[test]
fn golden_analyze_timeline_of_crowd_clips() {
    let Some(audio) = audio_dir("golden_analyze_timeline_of_crowd_clips") else { return };
    let cases: serde_json::Map<String, Value> = ANALYZE_CLIPS.iter().map(|rel| ((*rel).to_string(), analyze_case(&audio, rel))).collect();
    let header = json!({
        "about": "`resonance analyze --json` on real crowd recordings (paths relative to the test-audio folder): \
                  events (kind, onset t in s, confidence) and the mood as runs of equal labels (one snapshot per 0.5 s) \
                  with mean valence and arousal",
        "bless": BLESS_CMD,
        "tolerances": {
            "events": "count and kind exact",
            "event_t_s": EVENT_T_TOL_S,
            "event_confidence": EVENT_CONF_TOL,
            "mood_runs": "labels and lengths exact; from_s as event_t_s",
            "mood_mean": MOOD_MEAN_TOL,
        },
    });
    bless_or_check("analyze.json", &header, &Value::Object(cases), compare_analyze);
}

// ---------------------------------------------------------------------------------------------
// b. Per-style render fingerprints: the engine over a real crowd recording, and music alone
//    following a scripted arc.

/// The engine's input: 12 s of a real chanting crowd (22.05 kHz).
const RENDER_INPUT: &str = "crowd/crowd05.wav";
const RENDER_SEED: &str = "7";
/// A 12 s arc: calm, a goal at its peak, a card on the way down.
const RENDER_ARC: &str = r#"{"duration_s": 12,
  "mood": [{"t": 0, "valence": 0.1, "arousal": -0.5},
           {"t": 6, "valence": 0.8, "arousal": 0.9, "intensity": 0.9},
           {"t": 12, "valence": -0.5, "arousal": -0.2}],
  "events": [{"t": 5.0, "kind": "goal"}, {"t": 9.5, "kind": "card"}]}"#;

/// An RBJ band-pass biquad (0 dB peak gain), one octave wide.
#[derive(Debug)]
struct BandPass {
    b: [f64; 3],
    a: [f64; 2],
    x: [f64; 2],
    y: [f64; 2],
}

impl BandPass {
    fn new(centre_hz: f64, rate: f64) -> Self {
        let w = std::f64::consts::TAU * centre_hz / rate;
        let alpha = w.sin() / (2.0 * std::f64::consts::SQRT_2);
        let a0 = 1.0 + alpha;
        Self { b: [alpha / a0, 0.0, -alpha / a0], a: [-2.0 * w.cos() / a0, (1.0 - alpha) / a0], x: [0.0; 2], y: [0.0; 2] }
    }

    fn tick(&mut self, x: f64) -> f64 {
        let y = self.b[0] * x + self.b[1] * self.x[0] + self.b[2] * self.x[1] - self.a[0] * self.y[0] - self.a[1] * self.y[1];
        self.x = [x, self.x[0]];
        self.y = [y, self.y[0]];
        y
    }
}

/// The spectral hash: for each second (the last one possibly partial), the mean energy of the
/// mono mix in each octave band, in dB (floor −120), as whole steps of [`SPECTRUM_STEP_DB`];
/// one row of 8 numbers per second.
fn spectral_hash(interleaved: &[f32], rate: u32) -> Vec<String> {
    let mut bands: Vec<BandPass> = BAND_CENTRES_HZ.iter().map(|&f| BandPass::new(f, f64::from(rate))).collect();
    let per_second = rate as usize;
    let mut rows = Vec::new();
    for second in interleaved.chunks(2 * per_second) {
        let mut energy = [0.0f64; 8];
        for frame in second.chunks_exact(2) {
            let x = f64::from(frame[0] + frame[1]) * 0.5;
            for (e, band) in energy.iter_mut().zip(&mut bands) {
                let y = band.tick(x);
                *e += y * y;
            }
        }
        let n = (second.len() / 2).max(1) as f64;
        let mut row = String::new();
        for e in energy {
            let db = (10.0 * (e / n + 1e-12).log10()).max(-120.0);
            let _ = write!(row, "{}{}", if row.is_empty() { "" } else { " " }, (db / SPECTRUM_STEP_DB).round() as i64);
        }
        rows.push(row);
    }
    rows
}

/// Frames, loudness, peaks and spectral hash of a stereo float WAV.
fn render_fingerprint(wav: &Path) -> Value {
    let (spec, s) = read_wav(wav);
    assert_eq!(spec.channels, 2, "{}", wav.display());
    let mode = ebur128::Mode::I | ebur128::Mode::TRUE_PEAK | ebur128::Mode::SAMPLE_PEAK;
    let mut meter = ebur128::EbuR128::new(2, spec.sample_rate, mode).expect("loudness meter");
    meter.add_frames_f32(&s).expect("measure loudness");
    let db = |lin: f64| round(20.0 * lin.max(1e-10).log10(), 3);
    let peak = |f: &dyn Fn(u32) -> Result<f64, ebur128::Error>| f(0).expect("peak").max(f(1).expect("peak"));
    json!({
        "rate": spec.sample_rate,
        "frames": s.len() / 2,
        "lufs": round(meter.loudness_global().expect("integrated loudness"), 3),
        "true_peak_dbtp": db(peak(&|c| meter.true_peak(c))),
        "sample_peak_dbfs": db(peak(&|c| meter.sample_peak(c))),
        "spectrum": spectral_hash(&s, spec.sample_rate),
    })
}

fn compare_render(m: &mut Mismatches, name: &str, want: &Value, got: &Value) {
    for k in ["rate", "frames"] {
        m.exact(&format!("{name} {k}"), &want[k], &got[k]);
    }
    m.near(&format!("{name} lufs"), &want["lufs"], &got["lufs"], LUFS_TOL);
    for k in ["true_peak_dbtp", "sample_peak_dbfs"] {
        m.near(&format!("{name} {k}"), &want[k], &got[k], PEAK_TOL_DB);
    }
    let steps = |row: &Value| -> Vec<i64> { row.as_str().unwrap_or("").split(' ').filter_map(|x| x.parse().ok()).collect() };
    let mut off = Vec::new();
    m.each(&format!("{name} spectrum"), &want["spectrum"], &got["spectrum"], |m, at, w, g| {
        let (w, g) = (steps(w), steps(g));
        if w.len() != g.len() {
            m.push(format!("{at}: expected {} bands, got {}", w.len(), g.len()));
        }
        for (band, (w, g)) in w.iter().zip(&g).enumerate() {
            if (w - g).abs() > SPECTRUM_TOL_STEPS {
                let second = at.rsplit('[').next().unwrap_or("").trim_end_matches(']');
                off.push(format!("{second} s, {} Hz: {w} -> {g}", BAND_CENTRES_HZ[band]));
            }
        }
    });
    if !off.is_empty() {
        let shown = off.iter().take(6).cloned().collect::<Vec<_>>().join("; ");
        m.push(format!(
            "{name} spectrum: {} of the values moved by more than {SPECTRUM_TOL_STEPS} step(s) of {SPECTRUM_STEP_DB} dB (second from the start, band: golden -> now, in steps): {shown}{}",
            off.len(),
            if off.len() > 6 { "; ..." } else { "" }
        ));
    }
}

/// The factory styles, as `resonance presets` lists them.
fn factory_styles(dir: &Path) -> Vec<String> {
    let o = run_ok(dir, &["presets"]);
    stdout(&o).lines().filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect()
}

/// Renders `style` over the real input and along the arc; returns both fingerprints.
fn render_style(audio: &Path, tmp: &Path, style: &str) -> [(String, Value); 2] {
    let input = audio.join(RENDER_INPUT);
    let crowd_out = tmp.join(format!("{style}-crowd.wav"));
    let arc_out = tmp.join(format!("{style}-arc.wav"));
    let (input, crowd_s, arc_s) =
        (input.to_str().expect("utf-8 path"), crowd_out.to_str().expect("utf-8"), arc_out.to_str().expect("utf-8"));
    run_ok(tmp, &["render", "--in", input, "--out", crowd_s, "--preset", style, "--seed", RENDER_SEED, "--format", "f32"]);
    run_ok(
        tmp,
        &["render", "--arc", "arc.json", "--out", arc_s, "--preset", style, "--seed", RENDER_SEED, "--rate", "22050", "--format", "f32"],
    );
    [(format!("{style} over {RENDER_INPUT}"), render_fingerprint(&crowd_out)), (format!("{style} arc"), render_fingerprint(&arc_out))]
}

#[test]
fn golden_render_fingerprint_of_every_style() {
    let Some(audio) = audio_dir("golden_render_fingerprint_of_every_style") else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("arc.json"), RENDER_ARC).expect("write arc");
    let styles = factory_styles(tmp.path());
    assert!(styles.len() >= 5, "resonance presets: {styles:?}");
    // Two styles at a time: the renders are independent processes.
    let cases: serde_json::Map<String, Value> = std::thread::scope(|s| {
        let (audio, tmp) = (&audio, tmp.path());
        styles
            .chunks(styles.len().div_ceil(2))
            .map(|half| s.spawn(move || half.iter().flat_map(|style| render_style(audio, tmp, style)).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
            .into_iter()
            .flat_map(|h| h.join().expect("render thread"))
            .collect()
    });
    let header = json!({
        "about": format!(
            "per factory style: `resonance render --in {RENDER_INPUT} --seed {RENDER_SEED} --format f32` (the engine over a real \
             crowd) and `resonance render --arc ARC --seed {RENDER_SEED} --rate 22050 --format f32` (music alone) with the arc \
             below; integrated loudness (EBU R 128, LUFS), true and sample peak (dB) of the output, and a spectral hash: one row \
             per second, the mean energy of the mono mix in octave bands centred on bands_hz, in dB as whole steps of step_db"
        ),
        "bless": BLESS_CMD,
        "arc": serde_json::from_str::<Value>(RENDER_ARC).expect("arc is JSON"),
        "bands_hz": BAND_CENTRES_HZ,
        "step_db": SPECTRUM_STEP_DB,
        "tolerances": {
            "rate_frames": "exact",
            "lufs": LUFS_TOL,
            "peak_db": PEAK_TOL_DB,
            "spectrum_steps": SPECTRUM_TOL_STEPS,
        },
    });
    bless_or_check("render.json", &header, &Value::Object(cases), compare_render);
}

// ---------------------------------------------------------------------------------------------
// c. `identify` against one index built from real tracks.

/// Tracks in the index (music/NAME.ogg).
const INDEXED: [&str; 4] = ["elf-land", "main_menu", "revelation", "sad"];

/// A query: an excerpt of music/TRACK.ogg from `start_s`, `secs` long, with white noise of
/// amplitude `noise` added, written as a 16-bit mono WAV.
#[derive(Debug)]
struct Query {
    name: &'static str,
    track: &'static str,
    start_s: f64,
    secs: f64,
    noise: f32,
}

const QUERIES: [Query; 4] = [
    Query { name: "main_menu-clean", track: "main_menu", start_s: 20.0, secs: 5.0, noise: 0.0 },
    Query { name: "sad-noisy", track: "sad", start_s: 12.5, secs: 5.0, noise: 0.05 },
    Query { name: "revelation-short-noisy", track: "revelation", start_s: 41.3, secs: 3.0, noise: 0.02 },
    Query { name: "transience-not-indexed", track: "transience", start_s: 20.0, secs: 5.0, noise: 0.0 },
];

fn write_query(music: &Path, q: &Query, out: &Path) {
    crate::fingerprint::excerpt(&music.join(format!("{}.ogg", q.track)), q.start_s, q.secs, out, q.noise);
}

fn compare_identify(m: &mut Mismatches, name: &str, want: &Value, got: &Value) {
    if name == "index" {
        m.exact("index landmarks", &want["landmarks"], &got["landmarks"]);
        m.exact("index tracks", &want["tracks"], &got["tracks"]);
        return;
    }
    m.exact(&format!("{name} query"), &want["query"], &got["query"]);
    m.exact(&format!("{name} track"), &want["track"], &got["track"]);
    m.near(&format!("{name} offset_s"), &want["offset_s"], &got["offset_s"], OFFSET_TOL_S);
    let score_tol = want["score"].as_f64().unwrap_or(0.0).abs() * SCORE_TOL_REL;
    m.near(&format!("{name} score"), &want["score"], &got["score"], score_tol);
    m.near(&format!("{name} confidence"), &want["confidence"], &got["confidence"], MATCH_CONF_TOL);
}

#[test]
fn golden_identify_fixed_queries() {
    let Some(audio) = audio_dir("golden_identify_fixed_queries") else { return };
    let music = audio.join("music");
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("golden.rfp");
    let db_s = db.to_str().expect("utf-8 path");
    let tracks: Vec<String> = INDEXED.iter().map(|t| music.join(format!("{t}.ogg")).to_string_lossy().into_owned()).collect();
    let mut args = vec!["index"];
    args.extend(tracks.iter().map(String::as_str));
    args.extend(["--db", db_s]);
    let o = run_ok(tmp.path(), &args);
    // "indexed 4 files (0 skipped) into DB: 4 tracks, 0.06 h, N landmarks, ..."
    let summary = stderr(&o);
    let landmarks = summary.split(", ").find_map(|p| p.strip_suffix(" landmarks")).and_then(|n| n.parse::<u64>().ok());
    let landmarks = landmarks.unwrap_or_else(|| panic!("no landmark count in `resonance index` output: {summary}"));

    let files: Vec<String> = QUERIES
        .iter()
        .map(|q| {
            let path = tmp.path().join(format!("{}.wav", q.name));
            write_query(&music, q, &path);
            path.to_string_lossy().into_owned()
        })
        .collect();
    let mut args = vec!["identify"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--db", db_s, "--json"]);
    let o = run_ok(tmp.path(), &args);
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(lines.len(), QUERIES.len(), "{}", stdout(&o));

    let mut cases = serde_json::Map::new();
    cases.insert("index".into(), json!({"tracks": INDEXED, "landmarks": landmarks}));
    for (q, l) in QUERIES.iter().zip(&lines) {
        let result = json!({
            "query": {"track": q.track, "start_s": q.start_s, "secs": q.secs, "noise": round(f64::from(q.noise), 4)},
            "track": l["track"],
            "offset_s": l["offset_s"],
            "score": l["score"],
            "confidence": l["confidence"],
        });
        cases.insert(q.name.into(), result);
    }
    let header = json!({
        "about": "`resonance index` of music/TRACK.ogg for the tracks below (its landmark count), then one `resonance identify \
                  --json` of excerpts (16-bit mono WAV of `secs` seconds from `start_s`, plus xorshift white noise of amplitude \
                  `noise`): matched track, offset in s, score and confidence",
        "bless": BLESS_CMD,
        "tolerances": {
            "landmarks_tracks": "exact",
            "track": "exact",
            "offset_s": OFFSET_TOL_S,
            "score_relative": SCORE_TOL_REL,
            "confidence": MATCH_CONF_TOL,
        },
    });
    bless_or_check("identify.json", &header, &Value::Object(cases), compare_identify);
}
