//! A small structure-aware fuzzing loop that runs on the stable toolchain inside ordinary
//! `#[test]`s: seeded byte and text mutators, a case- and time-bounded driver that catches
//! panics, a watchdog that reports an input that hangs, and a one-line summary per target.
//!
//! Coverage-guided fuzzers (cargo-fuzz/libFuzzer) need nightly; this loop needs nothing but
//! a seed corpus of real inputs and a check. It mutates the way AFL's havoc stage does (bit
//! flips, interesting integers, block insert/delete/duplicate, splices between seeds, a
//! dictionary of format tokens), which finds the length-field and bounds bugs that parsers
//! of outside data have. See `docs/hardening.md` (## Fuzzing) and
//! `docs/decisions/0025-fuzzing-on-stable.md`.
//!
//! A run is bounded twice: a number of cases (the target's default) and a wall-clock budget.
//! The environment overrides both for a long run:
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `RESONANCE_FUZZ_CASES` | inputs per target | the target's default (hundreds to a few thousand) |
//! | `RESONANCE_FUZZ_SECS` | seconds per target | 3 (with `RESONANCE_FUZZ_CASES` unset, a long run is time-bound only) |
//! | `RESONANCE_FUZZ_SEED` | generator seed | fixed, so CI runs are reproducible |
//! | `RESONANCE_FUZZ_HANG_SECS` | one input longer than this is a hang | 30 |
//! | `RESONANCE_FUZZ_OUT` | where failing inputs are written | `$TMPDIR/resonance-fuzz` |
//! | `RESONANCE_FUZZ_REPLAY` | a file: every target whose name starts its file name checks only it | unset |
//!
//! Every target prints `fuzz <name>: <n> inputs, <f> failures, <s> s (seed <seed>)` to
//! stderr; `scripts/fuzz-long.sh` collects those lines.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::rng::SplitMix64;

/// Integers that break length fields and bounds checks, as AFL uses them.
const INTERESTING: [u64; 16] = [0, 1, 2, 7, 8, 16, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff];

/// Number texts that break numeric parsing and range checks.
const INTERESTING_NUMBERS: [&str; 22] = [
    "0",
    "-0",
    "-0.0",
    "1",
    "-1",
    "1e309",
    "-1e309",
    "1e-320",
    "nan",
    "inf",
    "-inf",
    "NaN",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "4294967295",
    "65536",
    "3.4028236e38",
    "0.5",
    "1e30",
    "-1e30",
];

/// Strings that break text handling.
const INTERESTING_STRINGS: [&str; 10] = ["", " ", "\u{0}", "\u{7f}", "ü", "\u{202e}", "\u{1f3b5}", "../../etc/passwd", "a\nb", "\"\\"];

/// The budget of one target: stop after `cases` inputs or `secs` seconds, whichever first.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Inputs to try.
    pub cases: u64,
    /// Wall-clock seconds to spend.
    pub secs: f64,
}

impl Budget {
    /// The target's default number of cases (and 3 s), overridden by `RESONANCE_FUZZ_CASES`
    /// and `RESONANCE_FUZZ_SECS` (setting only the seconds makes the run time-bound).
    pub fn from_env(default_cases: u64) -> Self {
        let env = |k: &str| std::env::var(k).ok().and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite() && *v >= 0.0);
        let cases = env("RESONANCE_FUZZ_CASES").map(|c| c as u64);
        let secs = env("RESONANCE_FUZZ_SECS");
        match (cases, secs) {
            (Some(c), Some(s)) => Self { cases: c, secs: s },
            (Some(c), None) => Self { cases: c, secs: f64::INFINITY },
            (None, Some(s)) => Self { cases: u64::MAX, secs: s },
            (None, None) => Self { cases: default_cases, secs: 3.0 },
        }
    }
}

/// What one target did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Target name.
    pub name: String,
    /// Inputs tried.
    pub inputs: u64,
    /// Inputs that panicked or failed their property, with the message and where the input
    /// was saved.
    pub failures: Vec<String>,
    /// Seconds spent.
    pub secs: f64,
}

impl Summary {
    /// Panics with every failure if there was one (the test's verdict).
    pub fn assert_clean(&self) {
        assert!(
            self.failures.is_empty(),
            "fuzz {}: {} of {} inputs failed:\n{}",
            self.name,
            self.failures.len(),
            self.inputs,
            self.failures.join("\n")
        );
    }
}

fn seed_for(name: &str) -> u64 {
    let base = std::env::var("RESONANCE_FUZZ_SEED").ok().and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or(0x5EED_F0CC_1A5E_u64);
    // FNV-1a of the name, so each target draws its own sequence from one seed.
    name.bytes().fold(base ^ 0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn out_dir() -> PathBuf {
    std::env::var_os("RESONANCE_FUZZ_OUT").map_or_else(|| std::env::temp_dir().join("resonance-fuzz"), PathBuf::from)
}

/// Writes a failing input where it can be replayed; returns the path (or why not).
fn save(name: &str, kind: &str, input: &[u8]) -> String {
    let dir = out_dir();
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    let path = dir.join(format!("{name}-{kind}-{hash:016x}.bin"));
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, input)) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("(not saved: {}: {e})", dir.display()),
    }
}

/// One line to stderr in one write, so libtest's own output cannot land inside it.
fn say(line: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>().map(|s| (*s).to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_else(|| "panic".into())
}

/// Starts a watchdog: when one input runs longer than `RESONANCE_FUZZ_HANG_SECS`, it saves
/// that input, says so and aborts the process (a hung thread cannot be stopped otherwise).
fn watchdog(name: &str, current: Arc<Mutex<Vec<u8>>>, started_ms: Arc<AtomicU64>, done: Arc<AtomicBool>, t0: Instant) {
    let limit = std::env::var("RESONANCE_FUZZ_HANG_SECS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(30).max(1);
    let name = name.to_string();
    std::thread::spawn(move || {
        while !done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            let s = started_ms.load(Ordering::Relaxed);
            let now = t0.elapsed().as_millis() as u64;
            if s != u64::MAX && now.saturating_sub(s) > limit * 1000 && !done.load(Ordering::Relaxed) {
                let input = current.lock().unwrap_or_else(PoisonError::into_inner).clone();
                let at = save(&name, "hang", &input);
                eprintln!("fuzz {name}: HANG: one input ran longer than {limit} s; saved to {at}");
                std::process::abort();
            }
        }
    });
}

/// Runs one target: `generate` makes an input from the generator, `check` runs it through the
/// code under test and returns `Err(why)` when a property fails. A panic is a failure too.
/// Stops at the [`Budget`]; prints the summary line; failing inputs are saved for replay.
pub fn run(
    name: &str,
    budget: Budget,
    mut generate: impl FnMut(&mut SplitMix64) -> Vec<u8>,
    mut check: impl FnMut(&[u8]) -> Result<(), String>,
) -> Summary {
    let seed = seed_for(name);
    let mut rng = SplitMix64(seed);
    let t0 = Instant::now();
    let current = Arc::new(Mutex::new(Vec::new()));
    let started_ms = Arc::new(AtomicU64::new(u64::MAX));
    let done = Arc::new(AtomicBool::new(false));
    watchdog(name, current.clone(), started_ms.clone(), done.clone(), t0);
    let mut summary = Summary { name: name.to_string(), ..Summary::default() };
    // A replay checks the one saved input (when it is this target's) and nothing else.
    let replay = std::env::var_os("RESONANCE_FUZZ_REPLAY").map(PathBuf::from);
    let mut replay_input = replay.as_ref().and_then(|p| {
        let file = p.file_name()?.to_str()?;
        (file.starts_with(&format!("{name}-")) || file.starts_with(&format!("{name}.")))
            .then(|| std::fs::read(p).unwrap_or_else(|e| panic!("RESONANCE_FUZZ_REPLAY {}: {e}", p.display())))
    });
    loop {
        let input = if replay.is_some() {
            match replay_input.take() {
                Some(i) => i,
                None => break,
            }
        } else if summary.inputs >= budget.cases || t0.elapsed().as_secs_f64() >= budget.secs {
            break;
        } else {
            generate(&mut rng)
        };
        current.lock().unwrap_or_else(PoisonError::into_inner).clone_from(&input);
        started_ms.store(t0.elapsed().as_millis() as u64, Ordering::Relaxed);
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&input)));
        started_ms.store(u64::MAX, Ordering::Relaxed);
        summary.inputs += 1;
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(("fail", why)),
            Err(p) => Some(("panic", panic_message(&*p))),
        };
        if let Some((kind, why)) = failure {
            let at = save(name, kind, &input);
            let mut line = String::new();
            let _ = write!(line, "  {kind} on input {} ({} bytes, saved to {at}): {why}", summary.inputs, input.len());
            if summary.failures.len() < 20 {
                say(&format!("fuzz {name}:{line}\n"));
            }
            summary.failures.push(line);
        }
    }
    done.store(true, Ordering::Relaxed);
    summary.secs = t0.elapsed().as_secs_f64();
    say(&format!(
        "fuzz {name}: {} inputs, {} failures, {:.1} s (seed {})\n",
        summary.inputs,
        summary.failures.len(),
        summary.secs,
        std::env::var("RESONANCE_FUZZ_SEED").unwrap_or_else(|_| "default".into())
    ));
    summary
}

/// Byte-level mutations of seed inputs (AFL's havoc stage, with a dictionary of the format's
/// tokens).
#[derive(Clone, Debug, Default)]
pub struct Mutator {
    /// Real inputs to start from.
    pub seeds: Vec<Vec<u8>>,
    /// Format tokens (magic numbers, chunk ids, addresses) spliced in whole.
    pub dict: Vec<Vec<u8>>,
}

impl Mutator {
    /// A mutator over `seeds` with the tokens `dict`.
    pub fn new(seeds: Vec<Vec<u8>>, dict: &[&[u8]]) -> Self {
        Self { seeds, dict: dict.iter().map(|d| d.to_vec()).collect() }
    }

    /// A seed (unchanged one time in 16, so the seeds themselves are checked) with a stack of
    /// 1 to 32 mutations.
    pub fn generate(&self, rng: &mut SplitMix64) -> Vec<u8> {
        let mut data = if self.seeds.is_empty() { Vec::new() } else { self.seeds[rng.below(self.seeds.len())].clone() };
        if rng.below(16) == 0 {
            return data;
        }
        let n = 1 << rng.below(6);
        for _ in 0..n {
            self.mutate_once(rng, &mut data);
        }
        data
    }

    /// One random mutation of `data`.
    pub fn mutate_once(&self, rng: &mut SplitMix64, data: &mut Vec<u8>) {
        let len = data.len();
        let pos = |rng: &mut SplitMix64| rng.below(len.max(1));
        match rng.below(14) {
            0 if len > 0 => {
                let i = pos(rng);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = pos(rng);
                data[i] = rng.next_u64() as u8;
            }
            2 if len > 0 => {
                let i = pos(rng);
                data[i] = [0u8, 1, 0x7f, 0x80, 0xff][rng.below(5)];
            }
            3 | 4 if len > 0 => {
                // An interesting integer of 2, 4 or 8 bytes, either byte order, maybe +-1.
                let width = [2usize, 4, 8][rng.below(3)];
                let mut v = INTERESTING[rng.below(INTERESTING.len())];
                match rng.below(4) {
                    0 => v = v.wrapping_add(1),
                    1 => v = v.wrapping_sub(1),
                    2 => v = !v,
                    _ => {}
                }
                let bytes = if rng.below(2) == 0 { v.to_le_bytes() } else { v.to_be_bytes() };
                let src: &[u8] = if rng.below(2) == 0 { &bytes[..width] } else { &bytes[8 - width..] };
                let i = pos(rng);
                for (k, b) in src.iter().enumerate() {
                    if let Some(d) = data.get_mut(i + k) {
                        *d = *b;
                    }
                }
            }
            5 if len > 0 => {
                // delete a block
                let i = pos(rng);
                let n = (1 + rng.below(len.min(64))).min(len - i);
                data.drain(i..i + n);
            }
            6 => {
                // insert random bytes
                let i = rng.below(len + 1);
                let n = 1 + rng.below(32);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                data.splice(i..i, bytes);
            }
            7 if len > 0 => {
                // duplicate a block
                let i = pos(rng);
                let n = (1 + rng.below(len.min(256))).min(len - i);
                let block = data[i..i + n].to_vec();
                let at = rng.below(len + 1);
                data.splice(at..at, block);
            }
            8 if len > 1 => {
                // overwrite with a block from elsewhere
                let (a, b) = (pos(rng), pos(rng));
                let n = (1 + rng.below(64)).min(len - a).min(len - b);
                let block = data[a..a + n].to_vec();
                data[b..b + n].copy_from_slice(&block);
            }
            9 if len > 0 => data.truncate(pos(rng)),
            10 if !self.seeds.is_empty() => {
                // splice: our head, another seed's tail
                let other = &self.seeds[rng.below(self.seeds.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            11 | 12 if !self.dict.is_empty() => {
                let token = &self.dict[rng.below(self.dict.len())];
                let i = rng.below(len + 1);
                if rng.below(2) == 0 {
                    data.splice(i..i, token.iter().copied());
                } else {
                    for (k, b) in token.iter().enumerate() {
                        if let Some(d) = data.get_mut(i + k) {
                            *d = *b;
                        }
                    }
                }
            }
            _ => {
                // a run of one byte (zeros, 0xff) over a block
                let i = rng.below(len + 1);
                let n = 1 + rng.below(128);
                let b = [0u8, 0xff, b' ', b'A'][rng.below(4)];
                data.splice(i..i, std::iter::repeat_n(b, n));
            }
        }
    }
}

/// Text-level mutations for TOML, JSON and other line-oriented text: numbers replaced by
/// hostile numbers, strings by hostile strings, lines deleted, duplicated or swapped, and
/// dictionary tokens (keys, section headers) inserted. Bytes mutations now and then too, so
/// invalid UTF-8 and broken syntax are covered.
pub fn mutate_text(rng: &mut SplitMix64, seeds: &[String], dict: &[&str]) -> Vec<u8> {
    let mut text = if seeds.is_empty() { String::new() } else { seeds[rng.below(seeds.len())].clone() };
    if rng.below(16) == 0 {
        return text.into_bytes();
    }
    for _ in 0..=rng.below(4) {
        text = mutate_text_once(rng, &text, dict);
    }
    if rng.below(8) == 0 {
        let m = Mutator::new(vec![text.clone().into_bytes()], &[]);
        let mut b = text.into_bytes();
        for _ in 0..=rng.below(4) {
            m.mutate_once(rng, &mut b);
        }
        return b;
    }
    text.into_bytes()
}

/// Byte ranges `(start, end)` of tokens in a text.
type Spans = Vec<(usize, usize)>;

/// Byte ranges of the number-like and quoted-string tokens of `text`.
fn tokens(text: &str) -> (Spans, Spans) {
    let b = text.as_bytes();
    let (mut nums, mut strs) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            let end = (i + 1).min(b.len());
            strs.push((start, end));
            i = end;
        } else if b[i].is_ascii_digit() || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_' || b[i] == b'+' || b[i] == b'-') {
                i += 1;
            }
            nums.push((start, i));
        } else {
            i += 1;
        }
    }
    (nums, strs)
}

fn mutate_text_once(rng: &mut SplitMix64, text: &str, dict: &[&str]) -> String {
    let (nums, strs) = tokens(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(8) {
        0 | 1 if !nums.is_empty() => {
            let (a, b) = nums[rng.below(nums.len())];
            let with = if rng.below(4) == 0 {
                format!("{}", rng.range(-1e6, 1e6))
            } else {
                INTERESTING_NUMBERS[rng.below(INTERESTING_NUMBERS.len())].to_string()
            };
            format!("{}{with}{}", &text[..a], &text[b..])
        }
        2 if !strs.is_empty() => {
            let (a, b) = strs[rng.below(strs.len())];
            let inner = match rng.below(4) {
                0 => "x".repeat(1 << rng.below(17)),
                1 => INTERESTING_NUMBERS[rng.below(INTERESTING_NUMBERS.len())].to_string(),
                2 if !dict.is_empty() => dict[rng.below(dict.len())].to_string(),
                _ => INTERESTING_STRINGS[rng.below(INTERESTING_STRINGS.len())].escape_default().to_string(),
            };
            format!("{}\"{inner}\"{}", &text[..a], &text[b..])
        }
        3 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            lines.iter().enumerate().filter(|(k, _)| *k != i).map(|(_, l)| *l).collect()
        }
        4 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            let mut v = lines.clone();
            v.insert(rng.below(v.len() + 1), lines[i]);
            v.concat()
        }
        5 if lines.len() > 1 => {
            let mut v = lines.clone();
            let (i, j) = (rng.below(v.len()), rng.below(v.len()));
            v.swap(i, j);
            v.concat()
        }
        6 | 7 if !dict.is_empty() => {
            // a dictionary token at a line start (keys, headers) or anywhere
            let token = dict[rng.below(dict.len())];
            let mut v = lines.clone();
            let at = rng.below(v.len() + 1);
            let owned = format!("{token}\n");
            v.insert(at, &owned);
            v.concat()
        }
        _ => {
            // cut at a random char boundary
            let mut cut = rng.below(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_counts_catches_panics_and_respects_the_budget() {
        let budget = Budget { cases: 50, secs: 60.0 };
        let m = Mutator::new(vec![b"hello".to_vec()], &[b"XY"]);
        let s = run("selftest", budget, |r| m.generate(r), |b| if b.len() > 1000 { Err("long".into()) } else { Ok(()) });
        assert_eq!(s.inputs, 50);
        assert!(s.failures.is_empty());
        let s = run("selftest-panic", Budget { cases: 5, secs: 60.0 }, |_| vec![1], |_| panic!("boom"));
        assert_eq!(s.failures.len(), 5);
        assert!(s.failures[0].contains("boom"), "{}", s.failures[0]);
    }

    #[test]
    fn mutations_change_inputs_and_stay_deterministic() {
        let m = Mutator::new(vec![b"RIFF\x24\0\0\0WAVEfmt ".to_vec()], &[b"data"]);
        let a: Vec<Vec<u8>> = (0..200).scan(SplitMix64(1), |r, _| Some(m.generate(r))).collect();
        let b: Vec<Vec<u8>> = (0..200).scan(SplitMix64(1), |r, _| Some(m.generate(r))).collect();
        assert_eq!(a, b);
        assert!(a.iter().filter(|x| x.as_slice() != m.seeds[0].as_slice()).count() > 150);
        let seeds = vec!["version = 1\nname = \"a\"\n[params]\nmusic_level = -12.0\n".to_string()];
        let texts: Vec<Vec<u8>> = (0..200).scan(SplitMix64(2), |r, _| Some(mutate_text(r, &seeds, &["[style]"]))).collect();
        assert!(texts.iter().any(|t| String::from_utf8_lossy(t).contains("[style]")));
        assert!(texts.iter().any(|t| !t.windows(5).any(|w| w == b"-12.0")));
    }
}
