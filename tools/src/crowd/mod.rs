//! Crowd-analysis evaluation (issue 3): regenerates a labelled set from the real clips of the
//! test-audio set (nothing is committed) and prints one table per split, plus a detection
//! timeline plot per split in `target/crowd-eval/`.
//!
//! `RESONANCE_TEST_AUDIO=/work/test-audio cargo run --release -p resonance-tools --bin crowd-eval`
//! (`--split tuning`, or `CROWD_EVAL_SPLIT=tuning`, runs only the tuning split: use that while
//! tuning.)
//!
//! * **Beds** (crowd-only ambience): 0.8–2 s segments at random offsets of the sustained part
//!   of real ambience clips (their sound-effect fade-ins/outs cut off), each clip levelled to
//!   the same RMS, joined with 250 ms equal-power cross-fades: the clips' own fluctuations, no
//!   artificial level steps or swells at the splices.
//! * **Composites**: real events (cheer, boos, "ooh", referee whistles, applause) mixed into
//!   beds at seeded random offsets and levels; the true onset is the insertion point plus the
//!   clip's own onset (first 10 ms frame within 20 dB of the clip's loudest). Chant composites
//!   splice the real rhythmic-chant clips between beds (cross-faded the same way).
//! * **Split**: the *tuning* split uses beds crowd02/04/06/09/12/15/17/fondo, chants
//!   crowd01/05/08, boos crowdboo, whistles short/long/twice and seeds 1..; the *held-out*
//!   split uses beds crowd/crowd10/crowd11, chants crowd13/14/16, boos boou, whistle end,
//!   and seeds 1001.. never run while tuning. *held-out-2* … *held-out-6* are the held-out
//!   clips again with seeds 3001, 5001, 7001, 9001 and 11001 (new offsets, levels and beds):
//!   each was added as an untouched check once the splits before it had been used for
//!   diagnosis, and first run with the detector it checks. The held-out splits also get
//!   synthetic pea whistles from their own seeds (two sets: the original one, and a wider
//!   *varied* set: 2–4.5 kHz, pitch hops, slow attacks). The held-out splits also get the
//!   real whistle of Debian's qabcs-data (`extra/whistle.ogg`, ~3.7 kHz, a different whistle
//!   from the four referee clips) in a row of its own: it is not in the tuning split; it was
//!   blind until its first run, then diagnosed on the held-out dump (no longer blind). Every
//!   split also gets synthetic *two-tone* whistles ([`synthesis::two_tone_whistle`], modelled
//!   on that diagnosis), generated after every other composite so those stay as they were.
//!   Only one cheer, one "ooh" and one applause clip exist (applause:
//!   `scripts/fetch-extra-audio.sh`); they appear in both splits (different beds, levels and
//!   offsets).
//! * **Mood ground truth**: calm for calm beds (from 2 s after the start, and from 6 s after
//!   an event ends), celebration for cheers, disappointment for boos, chanting for chant
//!   clips, each scored from 2 s after the segment starts (the reaction allowance); whistle,
//!   "ooh" and applause segments are not scored (too short, or no implied mood).
//! * **Bad input**: events on music without a crowd (the first 60 s of each music track of
//!   the test-audio set; tracks alternate between the splits by name) and events other than
//!   chant start/end raised inside the chant clips are counted: all of them are false alarms;
//!   so are whistles raised inside the crowd-reaction composites (cheer, boos, "ooh", applause).
//! * Clips crowd03 and crowd07 are excluded: by inspection of their spectrograms they are
//!   neither clearly calm nor clearly chanting.
//!
//! Stages: [`corpus`] loads the clips into [`Split`]s, [`synthesis`] mixes the composites,
//! [`scoring`] runs the analyser over them, [`report`] prints the tables and draws the
//! timelines, and [`trace`] holds the debugging and tuning aids (per-hop traces, dumps).

pub mod corpus;
pub mod learn;
pub mod report;
pub mod scoring;
pub mod synthesis;
pub mod trace;

use std::path::PathBuf;

use resonance_engine::CrowdEventKind;

use crate::workspace_dir;

/// The evaluation's sample rate: every clip is brought to it.
pub const RATE: u32 = 48_000;

/// The composites per kind in each split.
pub const PER_KIND: usize = 12;

/// Where the plots and dumps go (`target/crowd-eval` in the workspace).
pub fn out_dir() -> PathBuf {
    workspace_dir().join("target/crowd-eval")
}

/// What to run: from the command line or the environment variables the evaluation has always
/// read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this split (`CROWD_EVAL_SPLIT`); every split when `None`.
    pub split: Option<String>,
    /// Write the tuning dump instead of scoring (`CROWD_EVAL_DUMP`, any value).
    pub dump: bool,
    /// Print a per-hop trace instead of scoring (`CROWD_EVAL_TRACE`: `roar`, `chant`, or any
    /// other value for the whistle trace).
    pub trace: Option<String>,
}

/// Runs the evaluation: loads the splits, measures the analyser's CPU share, then scores (or
/// traces, or dumps) every selected split.
pub fn run(opts: &Options) {
    let splits = corpus::splits();
    report::print_cpu(&scoring::cpu_share(&splits[1].1));
    let out_dir = out_dir();
    for (name, split) in &splits {
        if opts.split.as_deref().is_some_and(|w| !w.is_empty() && w != *name) {
            continue;
        }
        let set = synthesis::composites(split, PER_KIND);
        if opts.dump {
            trace::dump_split(&out_dir.join(format!("dump-{name}")), split, &set);
            continue;
        }
        match opts.trace.as_deref() {
            Some("roar") => {
                trace::trace_roar(&set);
                continue;
            }
            Some("chant") => {
                trace::trace_chant(&set);
                continue;
            }
            Some(_) => {
                trace::trace(&set);
                continue;
            }
            None => {}
        }
        let score = scoring::score_split(split, &set);
        report::print_split(name, split, &set, &score, &out_dir);
    }
}

/// The kind of event mixed into a composite (its index picks the row of [`WANT`] and [`NAMES`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ev {
    /// The real cheer clip, with its slow build.
    Cheer,
    /// A real boo clip.
    Boo,
    /// The real "ooh" clip.
    Ooh,
    /// A real referee whistle.
    Whistle,
    /// Two real rhythmic-chant clips spliced between beds.
    Chant,
    /// The real applause clip.
    Applause,
    /// The cheer from the end of its build-up (10 ms fade-in): a roar that erupts at once.
    SuddenCheer,
    /// A synthetic pea whistle ([`synthesis::pea_whistle`]): tuning material for the blast's attack,
    /// of which the real clips have only four.
    SynthWhistle,
    /// Synthetic pea whistles of a wider variety ([`synthesis::pea_whistle`] `varied`).
    SynthVaried,
    /// The real pea whistle of Debian's qabcs-data (~3.7 kHz, pitch hopping to 4.2 kHz, a
    /// ~35 ms attack): held-out splits only, never run while tuning.
    BlindWhistle,
    /// Synthetic two-tone whistles ([`synthesis::two_tone_whistle`], modelled on the qabcs
    /// whistle): tuning material for a whistle whose share sits near 0.5.
    SynthTwoTone,
}

/// The number of composite kinds ([`Ev`]).
pub const KINDS: usize = 11;
/// The event the analyser should raise for each kind.
pub const WANT: [CrowdEventKind; KINDS] = [
    CrowdEventKind::GoalRoar,
    CrowdEventKind::Booing,
    CrowdEventKind::NearMiss,
    CrowdEventKind::Whistle,
    CrowdEventKind::ChantStart,
    CrowdEventKind::Applause,
    CrowdEventKind::GoalRoar,
    CrowdEventKind::Whistle,
    CrowdEventKind::Whistle,
    CrowdEventKind::Whistle,
    CrowdEventKind::Whistle,
];
/// Each kind's name in the tables.
pub const NAMES: [&str; KINDS] = [
    "goal_roar (cheer, slow build)",
    "booing",
    "near_miss (ooh)",
    "whistle",
    "chant_start",
    "applause",
    "goal_roar (cheer, sudden)",
    "whistle (synthetic pea)",
    "whistle (synthetic pea, varied)",
    "whistle (real, qabcs)",
    "whistle (synthetic two-tone)",
];

/// One labelled test clip: a bed with an event mixed (or spliced) in.
#[derive(Debug)]
pub struct Composite {
    /// The mix, mono at [`RATE`].
    pub audio: Vec<f32>,
    /// What was mixed in.
    pub kind: Ev,
    /// Where the clip was inserted (samples).
    pub at: usize,
    /// The event's true onset in the mix (samples): see [`synthesis::mixed_onset`].
    pub onset: usize,
    /// The clip's own onset (first 10 ms frame within 20 dB of its loudest), the label before
    /// onsets were measured in the mix: printed beside the true onset for comparison.
    pub intrinsic: usize,
    /// Where the clip ends (samples).
    pub end: usize,
}

/// The material of one split: clips to build composites from, music-only tracks and a seed.
#[derive(Debug, Clone)]
pub struct Split {
    pub beds: Vec<Vec<f32>>,
    pub chants: Vec<Vec<f32>>,
    pub boos: Vec<Vec<f32>>,
    pub whistles: Vec<Vec<f32>>,
    pub cheer: Vec<f32>,
    pub ooh: Vec<f32>,
    pub applause: Vec<f32>,
    pub sudden_cheer: Vec<f32>,
    /// The blind real whistle ([`Ev::BlindWhistle`]): empty in the tuning split.
    pub blind_whistle: Vec<f32>,
    /// Music-only tracks (no crowd): every event on them is a false alarm.
    pub music: Vec<PathBuf>,
    /// Seeds the composites (offsets, levels, beds, synthetic whistles).
    pub seed: u64,
}

/// The analyser's first seconds after a start, counted apart from the composites' beds: the
/// crowd floor is still settling.
pub const WARM_S: f64 = 3.0;

/// Seconds of each music-only track that are analysed.
pub const MUSIC_S: usize = 60;
