//! Offline renders of the music along a known future (`render --arc`, `highlight`, the
//! `music-eval` benchmark): the mood curve, the cue times and the end are known before the
//! first sample, so the render can do what a live host cannot.
//!
//! * **Loudness**: the whole render lands on the profile's target with one static gain, found
//!   by measuring passes (decision record 0024): the first at the broadcast level, then secant
//!   steps until within 0.2 LU or after three passes; then the written pass.
//! * **Hits on the moment**: every cue that has a stinger becomes a sync point: in the bars
//!   before it the sequencer stretches or compresses its steps (at most ±6 %, whole blocks of
//!   the SoundFont player) so that a bar line falls on the cue's time, and the stinger starts
//!   on that downbeat (decision record 0045).
//! * **Ending**: the render ends on a cadence to the tonic held under a fade: from `tail`
//!   before the end the sequencer plays its final cadence and the output fades (linear in dB)
//!   to −80 dB, so the last sample is far under −60 dBFS.
//!
//! Everything here runs on the caller's thread (it is an offline job); the passes are
//! deterministic, so a render is bit-identical for a seed.

use super::{Profile, Synth};
use crate::types::{Cue, MoodTarget, Telemetry};

/// Block size of offline renders.
pub const BLOCK: usize = 512;
/// Most passes spent measuring the loudness before the written one.
pub const MEASURING_PASSES: u64 = 3;
/// Length of the closing fade, seconds (the final cadence starts before it).
pub const FADE_S: f64 = 4.0;
/// Level the closing fade reaches at the last sample, dB.
pub const FADE_FLOOR_DB: f64 = -80.0;
/// Sync points are requested this long before the cue: enough bars to stretch the tempo by
/// a few percent at most.
pub const SYNC_LOOKAHEAD_S: f64 = 24.0;
/// A sync point still waiting this close to its time (an earlier one was being planned) is
/// given up: the stinger then comes on the next beat.
const MIN_SYNC_S: f64 = 4.0;
/// A cue on a sync point is issued this early, so that the next beat is the planned bar line.
const CUE_BEFORE_SYNC_S: f64 = 0.05;

/// What an offline render follows.
pub struct Plan<'a> {
    /// Length of the render, seconds.
    pub duration_s: f64,
    /// The target mood at a time (seconds).
    pub target_at: &'a dyn Fn(f64) -> MoodTarget,
    /// Cues and their times (seconds), sorted by time.
    pub cues: &'a [(f64, Cue)],
    /// Issue cues this much early when not syncing (a lead of a fraction of a beat makes the
    /// stinger land on the beat nearest the event instead of the next one).
    pub cue_lead_s: f64,
    /// Plan the music so that stingers start on the cue's time (sync points) instead of the
    /// next beat after it.
    pub sync: bool,
    /// End on a cadence and fade to silence.
    pub ending: bool,
}

impl std::fmt::Debug for Plan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("duration_s", &self.duration_s)
            .field("cues", &self.cues)
            .field("cue_lead_s", &self.cue_lead_s)
            .field("sync", &self.sync)
            .field("ending", &self.ending)
            .finish_non_exhaustive()
    }
}

/// What an offline render did.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Stingers scheduled: cue, requested time (s), audible time (s).
    pub stingers: Vec<(Cue, f64, f64)>,
    /// Cues refused by the rate limit.
    pub dropped_cues: u64,
    /// Integrated loudness of the music bus output, LUFS.
    pub output_lufs: f32,
}

/// Renders `plan` on `synth` (built with its styles and seed) at `profile`'s loudness target
/// and streams interleaved stereo blocks to `write`. `progress` gets `0..frames` over the
/// whole job (measuring passes fill the first half); `observe` sees the synth after every
/// written block with the position of its first frame (benchmarks read the clock there).
///
/// # Errors
/// Whatever `write` returns.
pub fn render<E>(
    synth: &mut Synth,
    plan: &Plan<'_>,
    profile: Profile,
    write: &mut dyn FnMut(&[f32]) -> Result<(), E>,
    progress: &mut dyn FnMut(u64),
    observe: &mut dyn FnMut(&Synth, u64),
) -> Result<Report, E> {
    synth.set_profile(profile);
    let rate = f64::from(synth.sample_rate());
    let frames = (plan.duration_s * rate).round() as u64;
    let target = profile.target_lufs();
    // start where the limiter rarely works (the broadcast level), so the first measurement is
    // close to linear in the gain; then secant steps (the limiter makes the loudness rise
    // less than the gain) until within 0.2 LU, at most three measuring passes
    let mut gain = Profile::Broadcast.target_lufs() - super::master::Loudness::INITIAL_LUFS;
    let mut prev: Option<(f32, f32)> = None;
    for pass in 0..MEASURING_PASSES {
        synth.set_fixed_loudness_gain_db(Some(gain));
        synth.reset();
        let _ = pass_once::<E>(
            synth,
            plan,
            &mut |_| Ok(()),
            &mut |pos| progress((pass * frames + pos) / (2 * MEASURING_PASSES)),
            &mut |_, _| {},
        )?;
        let measured = synth.output_lufs();
        if !measured.is_finite() || measured < -70.0 {
            break;
        }
        let error = target - measured;
        if error.abs() <= 0.2 {
            break;
        }
        let slope = match prev {
            Some((g0, l0)) if (gain - g0).abs() > 1e-3 => ((measured - l0) / (gain - g0)).clamp(0.3, 1.0),
            _ => 1.0,
        };
        prev = Some((gain, measured));
        gain += error / slope;
    }
    synth.set_fixed_loudness_gain_db(Some(gain));
    synth.reset();
    pass_once(synth, plan, write, &mut |pos| progress(frames / 2 + pos / 2), observe)
}

/// One pass of [`render`] on a freshly reset synth.
fn pass_once<E>(
    synth: &mut Synth,
    plan: &Plan<'_>,
    write: &mut dyn FnMut(&[f32]) -> Result<(), E>,
    progress: &mut dyn FnMut(u64),
    observe: &mut dyn FnMut(&Synth, u64),
) -> Result<Report, E> {
    let rate = f64::from(synth.sample_rate());
    let frames = (plan.duration_s * rate).round() as usize;
    let samples = |t: f64| (t.max(0.0) * rate).round() as usize;
    // the fade (and the final tonic's downbeat at its start)
    let fade = if plan.ending { samples(FADE_S).min(frames / 4) } else { 0 };
    let end_downbeat = frames - fade;
    // sync points: (request at, target, is the ending)
    let mut syncs: Vec<(usize, usize, bool)> = Vec::new();
    if plan.sync {
        for &(t, _) in plan.cues {
            let at = samples(t);
            if at < end_downbeat {
                syncs.push((at.saturating_sub(samples(SYNC_LOOKAHEAD_S)), at, false));
            }
        }
    }
    if plan.ending && fade > 0 {
        syncs.push((end_downbeat.saturating_sub(samples(SYNC_LOOKAHEAD_S)), end_downbeat, true));
    }
    syncs.sort_by_key(|s| s.1);
    // a cue on a sync point is issued a little before it, so that its "next beat" is the
    // planned bar line; otherwise `cue_lead_s` early
    let lead = if plan.sync { CUE_BEFORE_SYNC_S } else { plan.cue_lead_s };
    let mut cue_at: Vec<(usize, Cue, f64)> = plan.cues.iter().map(|&(t, cue)| (samples(t - lead), cue, t)).collect();
    cue_at.sort_by_key(|c| c.0);
    let mut report = Report::default();
    let mut l = vec![0.0f32; BLOCK];
    let mut r = vec![0.0f32; BLOCK];
    let mut inter = vec![0.0f32; 2 * BLOCK];
    let (mut next, mut next_sync) = (0, 0);
    let mut pos = 0usize;
    while pos < frames {
        let mut n = BLOCK.min(frames - pos);
        synth.set_target((plan.target_at)(pos as f64 / rate));
        while let Some(&(from, at, end)) = syncs.get(next_sync) {
            if from > pos {
                n = n.min(from - pos);
                break;
            }
            if synth.syncing() {
                // one sync point at a time: retry after this block, until too late to plan
                if pos + samples(MIN_SYNC_S) >= at {
                    if end {
                        // no time to plan the bar line: the cadence comes on the nearest one
                        synth.end_at(at as u64);
                    }
                    next_sync += 1;
                    continue;
                }
                break;
            }
            synth.sync_to(at as u64);
            if end {
                synth.end_at(at as u64);
            }
            next_sync += 1;
        }
        while let Some(&(at, cue, t)) = cue_at.get(next) {
            if at > pos {
                n = n.min(at - pos);
                break;
            }
            let mut scheduled = None;
            synth.cue(cue, &mut |tel| {
                if let Telemetry::CueScheduled { at, .. } = tel {
                    scheduled = Some(at);
                }
            });
            if let Some(s) = scheduled {
                report.stingers.push((cue, t, s as f64 / rate));
            }
            next += 1;
        }
        synth.process(&mut l[..n], &mut r[..n], &mut |_| {});
        for i in 0..n {
            let g = if pos + i >= end_downbeat && fade > 0 {
                let x = (pos + i - end_downbeat) as f64 / fade as f64;
                10f64.powf(FADE_FLOOR_DB * x / 20.0) as f32
            } else {
                1.0
            };
            inter[2 * i] = l[i] * g;
            inter[2 * i + 1] = r[i] * g;
        }
        observe(synth, pos as u64);
        write(&inter[..2 * n])?;
        pos += n;
        progress(pos as u64);
    }
    report.dropped_cues = synth.dropped_cues();
    report.output_lufs = synth.output_lufs();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Style;

    #[test]
    fn stingers_land_on_their_events_and_the_render_fades_out() {
        let style = Style::default();
        let mut synth = Synth::new(48_000.0, BLOCK, std::slice::from_ref(&style), 3);
        let target_at = |t: f64| MoodTarget { valence: 0.3, arousal: if t < 12.0 { -0.2 } else { 0.6 }, intensity: 0.6 };
        let cues = [(17.37, Cue::Goal), (29.81, Cue::Card)];
        let plan = Plan { duration_s: 40.0, target_at: &target_at, cues: &cues, cue_lead_s: 0.0, sync: true, ending: true };
        let mut out = Vec::new();
        let report = render::<()>(
            &mut synth,
            &plan,
            Profile::Broadcast,
            &mut |b| {
                out.extend_from_slice(b);
                Ok(())
            },
            &mut |_| {},
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(report.stingers.len(), 2, "{report:?}");
        for (cue, want, got) in &report.stingers {
            assert!((got - want).abs() <= 0.020, "{cue:?}: the stinger starts at {got:.4} s, the event is at {want:.4} s");
        }
        let tail = out[out.len() - 960..].iter().fold(0.0f32, |a, x| a.max(x.abs()));
        assert!(20.0 * tail.max(1e-12).log10() <= -60.0, "the last 10 ms peak at {tail}");
        // the music is still playing before the fade
        let before = out[(2 * 30 * 48_000)..(2 * 31 * 48_000)].iter().fold(0.0f32, |a, x| a.max(x.abs()));
        assert!(before > 0.01, "{before}");
    }
}
