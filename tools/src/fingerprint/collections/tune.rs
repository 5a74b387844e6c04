//! Calibration and latency of the cross-collection run: the acceptance levels the negatives
//! call for ([`calibrate`], the rule of decision 0002: 1.5 decades above the most significant
//! negative), and the query time of both vote orders on a small and a large index, with a
//! check that they answer alike ([`latency`]).

use std::fmt::Write as _;

use resonance_io::fingerprint::matcher::{DenseLook, Identifier, IdentifyOptions, Outcome, VoteOrder};
use resonance_test_support::{thread_cpu_ns, thread_cpu_s_since};

use super::conditions::{Cond, NEG_CONDS, Noises};
use super::material::{Material, RATE};
use super::score::{Checks, Ctx, Query, excerpt, percentile, samples};
use super::{CollOptions, build};

/// The decades between the most significant calibration negative and the acceptance level
/// (decision 0002).
const MARGIN_DECADES: f64 = 1.5;

/// Every negative query (re-releases left out) under [`NEG_CONDS`] at the chosen lengths.
fn negatives(m: &Material, checks: &Checks, opts: &CollOptions) -> Vec<Query> {
    let mut v = Vec::new();
    for coll in 0..m.names.len() {
        for &len_s in &opts.lengths {
            for cond in NEG_CONDS {
                v.extend((0..m.negatives[coll].len()).filter(|&k| !checks.is_rerelease(m.negatives[coll][k].track)).map(|k| Query {
                    coll,
                    positive: false,
                    cond,
                    len_s,
                    k,
                }));
            }
        }
    }
    v
}

/// The attempts calibrated: the normal-speed attempt, and the dense look with one and with
/// two framings (plan step R2).
const ATTEMPTS: [&str; 3] = ["normal speed", "dense look, 1 framing", "dense look, 2 framings"];

/// `-log10 p` of the best cell of each of [`ATTEMPTS`] for one query.
fn significances(ctx: &Ctx, normal: &mut Identifier, dense: &mut Identifier, look: DenseLook, q: &Query) -> [f64; 3] {
    let x = samples(ctx.m, ctx.noises, q);
    let rate = f64::from(RATE);
    let first = normal.identify(ctx.index, &x, rate).significance();
    let one = dense.dense_look(ctx.index, &x, rate, DenseLook { shifts: 1, ..look }, 1.0).significance();
    let two = dense.dense_look(ctx.index, &x, rate, DenseLook { shifts: 2, ..look }, 1.0).significance();
    [first, one, two]
}

/// The acceptance levels the negatives call for: per attempt, the most significant best cell
/// of every negative query, the level 1.5 decades above it, and the level in use.
pub fn calibrate(ctx: &Ctx) -> String {
    let qs = negatives(ctx.m, ctx.checks, ctx.opts);
    let look = ctx.opts.identify.dense.unwrap_or_default();
    let base = IdentifyOptions { speeds: Vec::new(), dense: None, alpha: 1.0, ..ctx.opts.identify.clone() };
    let threads = ctx.opts.threads.max(1);
    let chunk = qs.len().div_ceil(threads).max(1);
    let mut sig = vec![[0.0f64; 3]; qs.len()];
    std::thread::scope(|s| {
        for (dst, src) in sig.chunks_mut(chunk).zip(qs.chunks(chunk)) {
            let base = base.clone();
            s.spawn(move || {
                let (mut normal, mut dense) = (Identifier::new(base.clone()), Identifier::new(base));
                for (d, q) in dst.iter_mut().zip(src) {
                    *d = significances(ctx, &mut normal, &mut dense, look, q);
                }
            });
        }
    });
    let (first_alpha, dense_alpha, _) = ctx.opts.identify.budgets();
    let in_use = [-first_alpha.log10(), -dense_alpha.log10(), -dense_alpha.log10()];
    let mut s = format!(
        "\n### Calibration on {} negative queries (lengths {:?} s; clean, crowd 0 dB, white 0 dB, commentary 0 dB)\n\n\
         | attempt | most significant negative (-log10 p) | its query | level it calls for (+{MARGIN_DECADES}) | level in use | negatives at or above the level in use |\n|---|---|---|---|---|---|\n",
        qs.len(),
        ctx.opts.lengths
    );
    for (a, name) in ATTEMPTS.iter().enumerate() {
        let Some((i, top)) = sig.iter().enumerate().map(|(i, v)| (i, v[a])).max_by(|x, y| x.1.total_cmp(&y.1)) else { continue };
        let q = &qs[i];
        let e = excerpt(ctx.m, q);
        let over = sig.iter().filter(|v| v[a] >= in_use[a]).count();
        let _ = writeln!(
            s,
            "| {name} | {top:.2} | {} {} at {:.1} s, {}, {} s | {:.2} | {:.2} | {over} |",
            ctx.m.names[q.coll],
            ctx.m.tracks[e.track].name,
            e.start_s,
            q.cond.name(),
            q.len_s,
            top + MARGIN_DECADES,
            in_use[a]
        );
    }
    s
}

/// One row of the latency table: both vote orders' CPU times over the same queries.
struct Times {
    sort: Vec<f64>,
    bins: Vec<f64>,
    differ: usize,
}

/// Runs `qs` against `index` with both vote orders on the options' threads.
fn time_both(ctx: &Ctx, qs: &[Query]) -> Times {
    let threads = ctx.opts.threads.max(1);
    let chunk = qs.len().div_ceil(threads).max(1);
    let mut out: Vec<(f64, f64, bool)> = vec![(0.0, 0.0, false); qs.len()];
    std::thread::scope(|s| {
        for (dst, src) in out.chunks_mut(chunk).zip(qs.chunks(chunk)) {
            s.spawn(move || {
                let mut bins = Identifier::new(IdentifyOptions { votes: VoteOrder::Bins, ..ctx.opts.identify.clone() });
                let mut sort = Identifier::new(IdentifyOptions { votes: VoteOrder::Sort, ..ctx.opts.identify.clone() });
                let rate = f64::from(RATE);
                for (i, (d, q)) in dst.iter_mut().zip(src).enumerate() {
                    let x = samples(ctx.m, ctx.noises, q);
                    let run = |ident: &mut Identifier| {
                        let t0 = thread_cpu_ns();
                        let o = ident.identify(ctx.index, &x, rate);
                        (o, thread_cpu_s_since(t0) * 1e3)
                    };
                    // Alternate which goes first, so neither always finds the caches warm.
                    let ((ob, tb), (os, ts)): ((Outcome, f64), (Outcome, f64)) = if i % 2 == 0 {
                        let b = run(&mut bins);
                        (b, run(&mut sort))
                    } else {
                        let s = run(&mut sort);
                        (run(&mut bins), s)
                    };
                    *d = (ts, tb, ob != os);
                }
            });
        }
    });
    Times { sort: out.iter().map(|o| o.0).collect(), bins: out.iter().map(|o| o.1).collect(), differ: out.iter().filter(|o| o.2).count() }
}

/// Query CPU time of both vote orders ([`VoteOrder::Sort`], the original, and
/// [`VoteOrder::Bins`]) on an index of the tuning collection alone and on the whole index:
/// 5 s positives of the indexed tracks clean, under crowd at 0 dB and white noise at -5 dB,
/// and every negative clean and under crowd at 0 dB; each query runs both ways on the same
/// thread, and any query they answer differently is counted (the table says how many).
pub fn latency(m: &Material, checks: &Checks, noises: &Noises, opts: &CollOptions) -> String {
    let mut s = String::from(
        "\n### Query time of the vote orders (5 s; CPU ms per query, both orders on every query)\n\n\
         | index | tracks | queries | sort p50 / p99 | bins p50 / p99 | sort mean | bins mean | answers that differ |\n|---|---|---|---|---|---|---|---|\n",
    );
    let indexed = |t: usize| m.tracks[t].indexed && !m.tracks[t].landmarks.is_empty();
    let tune: Vec<usize> = (0..m.tracks.len()).filter(|&t| indexed(t) && m.names[m.tracks[t].coll] == opts.tune).collect();
    let all: Vec<usize> = (0..m.tracks.len()).filter(|&t| indexed(t)).collect();
    let mut total_differ = 0;
    for (label, subset) in [(format!("{} alone", opts.tune), tune), ("all collections".to_string(), all)] {
        if subset.is_empty() {
            continue;
        }
        let hours: f64 = subset.iter().map(|&t| m.tracks[t].duration_s).sum::<f64>() / 3600.0;
        let (index, id_of) = build(m, &subset);
        let mut qs = Vec::new();
        for coll in 0..m.names.len() {
            for (k, e) in m.positives[coll].iter().enumerate() {
                if id_of[e.track].is_some() {
                    for cond in [Cond::Clean, Cond::Crowd(0), Cond::White(-5)] {
                        qs.push(Query { coll, positive: true, cond, len_s: 5.0, k });
                    }
                }
            }
            for (k, e) in m.negatives[coll].iter().enumerate() {
                if !checks.is_rerelease(e.track) {
                    for cond in [Cond::Clean, Cond::Crowd(0)] {
                        qs.push(Query { coll, positive: false, cond, len_s: 5.0, k });
                    }
                }
            }
        }
        let ctx = Ctx { m, index: &index, id_of: &id_of, checks, noises, opts };
        let mut t = time_both(&ctx, &qs);
        total_differ += t.differ;
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let (ms, mb) = (mean(&t.sort), mean(&t.bins));
        let _ = writeln!(
            s,
            "| {label}, {hours:.2} h | {} | {} | {:.1} / {:.1} | {:.1} / {:.1} | {ms:.1} | {mb:.1} | {} |",
            subset.len(),
            qs.len(),
            percentile(&mut t.sort, 0.5),
            percentile(&mut t.sort, 0.99),
            percentile(&mut t.bins, 0.5),
            percentile(&mut t.bins, 0.99),
            t.differ
        );
        eprintln!("latency {label}: done");
    }
    assert_eq!(total_differ, 0, "the vote orders answered {total_differ} queries differently:\n{s}");
    s
}
