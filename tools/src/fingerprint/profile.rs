//! Profiling aids: extraction alone on one track (`--profile`, for callgrind), and the clean
//! queries alone through one [`Identifier`] (`FP_BENCH_PROFILE_QUERY=N`, for `perf record`).

use std::path::Path;

use resonance_engine::fingerprint::HasherConfig;
use resonance_io::fingerprint::landmarks_of;
use resonance_io::fingerprint::matcher::Identifier;
use resonance_test_support::{thread_cpu_ns, thread_cpu_s_since};

use super::SR;
use super::corpus::{Corpus, Indexed, decode_all, list};
use super::synthesis::Queries;

/// `FP_BENCH_PROFILE=1`: hash one decoded track a few times and print the speed (for
/// `valgrind --tool=callgrind --toggle-collect='*landmarks_of*'`).
pub fn profile_extraction(dir: &Path) {
    let music = list(&dir.join("music"), "ogg");
    let x = decode_all(&music[..1]).remove(0);
    let secs = x.len() as f64 / f64::from(SR);
    for config in [HasherConfig::index(), HasherConfig::query()] {
        let t = thread_cpu_ns();
        let n = landmarks_of(&x, f64::from(SR), config).len();
        println!("{config:?}: {n} landmarks, {:.0}x real time", secs / thread_cpu_s_since(t));
    }
}

/// `FP_BENCH_PROFILE_QUERY=N`: N rounds of the clean queries through one `Identifier` and
/// nothing else (attach `perf record -p <pid>` once it says so).
pub fn profile_queries(c: &Corpus, b: &Indexed, q: &Queries, ident: &mut Identifier, rounds: usize) {
    let clips: Vec<&[f32]> = q.positives.iter().map(|&(t, s)| &c.pos_audio[t][s..s + q.qlen]).collect();
    eprintln!("profiling {} clean queries x {rounds} (pid {})", clips.len(), std::process::id());
    let t = thread_cpu_ns();
    for _ in 0..rounds {
        for clip in &clips {
            let _ = ident.identify(&b.index, clip, f64::from(SR));
        }
    }
    eprintln!("{:.3} ms per query", thread_cpu_s_since(t) * 1e3 / (rounds * clips.len()) as f64);
}
