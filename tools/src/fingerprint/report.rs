//! The report: the markdown table of `benches/README.md` (accuracy and latency per condition,
//! score distributions, margins, speeds, the threshold table, the sweeps), also written to
//! `target/fingerprint-bench/table.md`.

use std::fmt::Write as _;

use resonance_io::fingerprint::index::Index;
use resonance_io::fingerprint::matcher::IdentifyOptions;

use super::QUERY_S;
use super::corpus::{Corpus, Indexed};
use super::scoring::{Checks, OtherRow, Stats, pct, pct_of, thresholds};
use super::synthesis::{Cond, Queries};

/// `min / 5th percentile / median / max` of a sample.
pub fn quantiles(v: &[f64]) -> String {
    if v.is_empty() {
        return "—".into();
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let q = |f: f64| s[((s.len() - 1) as f64 * f).round() as usize];
    format!("{:.1} / {:.1} / {:.1} / {:.1}", q(0.0), q(0.05), q(0.5), q(1.0))
}

/// What the main table is made of.
#[derive(Debug)]
pub struct Results<'a> {
    /// The music.
    pub c: &'a Corpus,
    /// The index.
    pub b: &'a Indexed,
    /// The queries.
    pub q: &'a Queries,
    /// Per condition, its statistics.
    pub rows: &'a mut Vec<(Cond, Stats)>,
    /// The non-music negatives.
    pub other_rows: &'a [OtherRow<'a>],
    /// The sanity checks and speeds.
    pub checks: &'a Checks,
    /// The identify options of the main table (for the acceptance levels).
    pub opts: &'a IdentifyOptions,
    /// Query-side extraction speed, × real time.
    pub query_x_rt: f64,
}

/// The main table: the index, accuracy and latency per condition, the score distributions,
/// the margins and the speeds.
pub fn main_table(r: &mut Results) -> String {
    let mut table = String::new();
    write_accuracy(&mut table, r);
    write_significance(&mut table, r);
    write_speeds(&mut table, r);
    table
}

/// The index line and the accuracy/latency table.
fn write_accuracy(table: &mut String, r: &mut Results) {
    let (b, q) = (r.b, r.q);
    let _ = write!(
        table,
        "Index: {} tracks ({} from the shared set, {} Warzone 2100 soundtracks), **{:.2} h**, {} postings ({:.0}/s), {} bytes = **{:.2} MB per hour**; load {:.1} ms. {} queries of {QUERY_S} s per condition (from the shared set's indexed tracks); per noise level {} calibration negatives (held-out tracks of the shared set, used to set `ALPHA`) and {} held-out negatives (Hedgewars and LinCity music, not indexed, never used to set anything).\n\n",
        b.n_tracks,
        r.c.pos_paths.len(),
        r.c.big_paths.len(),
        b.hours(),
        b.index.len(),
        b.index.len() as f64 / b.total_s(),
        b.bytes,
        b.bytes as f64 / 1e6 / b.hours(),
        b.load_ms,
        q.n_queries,
        q.n_neg,
        q.n_heldout
    );
    table.push_str("| condition | top-1 (offset ±0.1 s) | wrong track/offset | false pos. (calibration) | false pos. (held-out) | query p50 (CPU) | query p99 (CPU) |\n|---|---|---|---|---|---|---|\n");
    for (cond, st) in r.rows.iter_mut() {
        st.times_ms.sort_by(f64::total_cmp);
        let med = st.times_ms.get(st.times_ms.len() / 2).copied().unwrap_or(0.0);
        let p99 = pct_of(&st.times_ms, 0.99);
        let (fp, fph) = if cond.has_negatives() {
            (format!("{}/{}", st.false_pos, q.n_neg), format!("{}/{}", st.false_pos_heldout, q.n_heldout))
        } else {
            ("—".into(), "—".into())
        };
        let _ = writeln!(
            table,
            "| {} | {:.1}% | {} | {fp} | {fph} | {med:.2} ms | {p99:.2} ms |",
            cond.name(),
            pct(st.correct, st.n),
            st.wrong
        );
    }
    for (kind, n, fp, ..) in r.other_rows {
        let _ = writeln!(table, "| {kind} (negatives only) | — | — | — | {fp}/{n} | | |");
    }
}

/// The score distributions (significance) and the margins of the negatives.
fn write_significance(table: &mut String, r: &Results) {
    let (rows, other_rows) = (&*r.rows, r.other_rows);
    // `identify`'s attempts: half of ALPHA at normal speed, the dense look's own level, the
    // rest over the speeds.
    let (b_first, b_dense, b_speed) = r.opts.budgets();
    let (accept, accept_dense, accept_speed) = (-b_first.log10(), -b_dense.log10(), -b_speed.log10());
    let all_neg: Vec<f64> = rows.iter().flat_map(|(_, st)| st.sig_neg.iter().copied()).collect();
    let _ = write!(
        table,
        "\nScore distributions as significance `-log10 p` (p = chance probability of the best cell, see `matcher`); a query is accepted at ≥ **{accept:.2}** at normal speed, ≥ {accept_dense:.2} in the dense look, ≥ {accept_speed:.2} in the speed search. Negatives: the cell that came closest to its attempt's level (normal speed, dense look or a speed); margins below are to that attempt's level.\n\n| condition | true matches: min / p5 / median / max | negatives: min / p5 / median / max |\n|---|---|---|\n"
    );
    for (cond, st) in rows {
        let _ = writeln!(
            table,
            "| {} | {} | {}{} |",
            cond.name(),
            quantiles(&st.sig_true),
            quantiles(&st.sig_neg),
            if st.sig_heldout.is_empty() { String::new() } else { format!("; held-out: {}", quantiles(&st.sig_heldout)) }
        );
    }
    for (kind, _, _, sig, _) in other_rows {
        let _ = writeln!(table, "| {kind} | — | held-out: {} |", quantiles(sig));
    }
    let heldout_fp: usize = rows.iter().map(|(_, st)| st.false_pos_heldout).sum::<usize>() + other_rows.iter().map(|r| r.2).sum::<usize>();
    let min_of = |v: &mut dyn Iterator<Item = f64>| v.fold(f64::INFINITY, f64::min);
    let margin_cal = min_of(&mut rows.iter().flat_map(|(_, st)| st.margin_neg.iter().copied()));
    let heldout_n = rows.iter().map(|(_, st)| st.margin_held.len()).sum::<usize>() + other_rows.iter().map(|r| r.4.len()).sum::<usize>();
    let margin_held = min_of(
        &mut rows.iter().flat_map(|(_, st)| st.margin_held.iter().copied()).chain(other_rows.iter().flat_map(|r| r.4.iter().copied())),
    );
    let _ = writeln!(
        table,
        "\nMargin: the {} calibration negatives all stayed at least **{margin_cal:.2} decades** below their attempt's acceptance level. Held-out negatives: **{heldout_fp} false positives of {heldout_n}**; smallest margin **{margin_held:.2} decades**.",
        all_neg.len(),
    );
}

/// The speed lines: extraction, query latency by attempt, matching alone, ours against
/// `fpcalc`, and the silence/noise checks.
fn write_speeds(table: &mut String, r: &Results) {
    let (rows, ch, b) = (&*r.rows, r.checks, r.b);
    let _ = write!(
        table,
        "\n- Extraction (hashing only, one core): index side **{:.0}× real time**, query side {:.0}× real time.\n",
        b.indexed_s / b.hash_cpu,
        r.query_x_rt
    );
    let mut first_ms: Vec<f64> = rows.iter().flat_map(|(_, st)| st.times_first_ms.iter().copied()).collect();
    first_ms.sort_by(f64::total_cmp);
    let _ = writeln!(
        table,
        "- Queries answered by the first attempt (normal speed, no dense look or speed search), all conditions ({} queries): p50 **{:.2} ms**, p99 **{:.2} ms**, max {:.2} ms.",
        first_ms.len(),
        pct_of(&first_ms, 0.5),
        pct_of(&first_ms, 0.99),
        first_ms.last().copied().unwrap_or(0.0)
    );
    let mut dense_ms: Vec<f64> = rows.iter().flat_map(|(_, st)| st.times_dense_ms.iter().copied()).collect();
    dense_ms.sort_by(f64::total_cmp);
    let _ = writeln!(
        table,
        "- Queries answered by the dense look, all conditions ({} queries): p50 {:.2} ms, max {:.2} ms.",
        dense_ms.len(),
        pct_of(&dense_ms, 0.5),
        dense_ms.last().copied().unwrap_or(0.0)
    );
    let mut clean_ms = rows.iter().find(|(c, _)| *c == Cond::Clean).map(|(_, st)| st.times_ms.clone()).unwrap_or_default();
    clean_ms.sort_by(f64::total_cmp);
    let _ = writeln!(
        table,
        "- Query latency on this {:.2} h index, one core (CPU time), clean 5 s queries: hash + match (`identify`) p50 **{:.2} ms**, p99 **{:.2} ms**; matching only (landmarks given) p50 {:.2} ms, p99 {:.2} ms.",
        b.hours(),
        pct_of(&clean_ms, 0.5),
        pct_of(&clean_ms, 0.99),
        pct_of(&ch.match_ms, 0.5),
        pct_of(&ch.match_ms, 0.99)
    );
    let _ = writeln!(
        table,
        "- Decode + fingerprint, full files ({} tracks): ours {:.0}× real time, fpcalc {} → ours/fpcalc = **{:.2}**.",
        ch.n_cmp,
        ch.ours_full,
        if ch.fp_ok { format!("{:.0}× real time", ch.fpcalc_x) } else { "FAILED (is libchromaprint-tools installed?)".into() },
        ch.ours_full / ch.fpcalc_x
    );
    let _ = writeln!(table, "- Silence → no match: {}; white / crowd noise only → no match: {}.", ch.silence_ok, ch.noise_ok);
}

/// How the acceptance threshold scales with index size and query length: the median
/// threshold (distinct matched hashes needed) of held-out negative queries, on `small` and on
/// the full index.
pub fn threshold_table(table: &mut String, c: &Corpus, b: &Indexed, q: &Queries, small: &Index) {
    let small_h = small.tracks().iter().map(|t| t.duration_s).sum::<f64>() / 3600.0;
    let _ = write!(
        table,
        "\nAcceptance threshold (distinct matched hashes, median over {} held-out negative queries) by index size and query length:\n\n| index | 2 s | 5 s | 10 s |\n|---|---|---|---|\n",
        q.heldout.len()
    );
    for (label, ix) in [(format!("{small_h:.2} h"), small), (format!("{:.2} h", b.hours()), &b.index)] {
        let cells = thresholds(c, q, ix);
        let _ = writeln!(table, "| {label} | {} | {} | {} |", cells[0], cells[1], cells[2]);
    }
}

/// The sweep table's heading.
pub const SWEEP_HEADER: &str = "\nSweep (`FP_BENCH_FANOUTS`: query fan-out; `FP_BENCH_RATES`: chance-rate estimate; `FP_BENCH_ALPHAS`: accepted chance-match probability): top-1 accuracy and false positives on all negatives.\n\n| variant | clean | crowd 0 dB | crowd -5 dB | white -5 dB | false pos. calibration | false pos. held-out | smallest margin calibration / held-out (decades) | clean query p50 / p99 | crowd -5 dB query p99 |\n|---|---|---|---|---|---|---|---|---|---|\n";
