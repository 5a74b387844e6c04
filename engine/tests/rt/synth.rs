//! Generative music on the audio thread: no allocation, determinism, reset, block-size
//! invariance, stingers on the beat, quantised transitions, event storms, bad targets.

use resonance_engine::synth::{Profile, Style, Synth};
use resonance_engine::testing::count_allocations;
use resonance_engine::{Command, Cue, Engine, EngineConfig, Layout, MoodTarget, ParamId, Quantize, Telemetry};

fn factory_styles() -> Vec<Style> {
    resonance_io::preset::factory().expect("factory presets parse").into_iter().map(|p| p.style).collect()
}

#[derive(Clone, Copy, Debug)]
enum Ev {
    Target(MoodTarget),
    Cue(Cue),
    Style(u16, Quantize),
    /// A sync point (`Synth::sync_to`) at this output sample.
    Sync(u64),
    /// An ending (`sync_to` + `end_at`) at this output sample.
    End(u64),
}

#[derive(Clone)]
struct Render {
    l: Vec<f32>,
    r: Vec<f32>,
    telemetry: Vec<Telemetry>,
    allocations: usize,
}

/// Pseudo-random host block sizes 1..=700, the same sequence in every render.
struct RandomBlocks(u32);

impl RandomBlocks {
    fn new() -> Self {
        Self(12345)
    }

    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(1_103_515_245).wrapping_add(12345);
        1 + (self.0 >> 16) as usize % 700
    }
}

/// Renders `n` samples in blocks of `block` samples, applying `events` at the first block
/// boundary at or after their time. `block` 0 means [`RandomBlocks`], which apply most events
/// late, as a host does that passes events at its block starts; a fixed size ends a block
/// early at an event, so every event is applied exactly at its time (as a host with
/// sample-accurate automation splits its blocks).
fn render(s: &mut Synth, n: usize, block: usize, events: &[(u64, Ev)]) -> Render {
    let mut l = vec![0.0f32; n];
    let mut r = vec![0.0f32; n];
    let mut telemetry: Vec<Telemetry> = Vec::with_capacity(100_000);
    let mut next_ev = 0;
    let mut pos = 0usize;
    let mut blocks = RandomBlocks::new();
    let mut allocations = 0;
    while pos < n {
        let b = if block == 0 { blocks.next() } else { block };
        let mut end = (pos + b).min(n);
        let ((), count) = count_allocations(|| {
            let mut sink = |t: Telemetry| {
                if telemetry.len() < telemetry.capacity() {
                    telemetry.push(t);
                }
            };
            while let Some(&(t, ev)) = events.get(next_ev) {
                if t > pos as u64 {
                    break;
                }
                match ev {
                    Ev::Target(m) => s.set_target(m),
                    Ev::Cue(c) => s.cue(c, &mut sink),
                    Ev::Style(i, q) => s.set_style(i, q, &mut sink),
                    Ev::Sync(at) => {
                        s.sync_to(at);
                    }
                    Ev::End(at) => {
                        s.sync_to(at);
                        s.end_at(at);
                    }
                }
                next_ev += 1;
            }
            if block != 0
                && let Some(&(t, _)) = events.get(next_ev)
            {
                end = end.min(t as usize);
            }
            s.process(&mut l[pos..end], &mut r[pos..end], &mut sink);
        });
        allocations += count;
        pos = end;
    }
    Render { l, r, telemetry, allocations }
}

/// A busy script: mood sweeps, cues and style changes, at times that are multiples of every
/// tested block size (1, 7, 64, 512), so every block size sees them at the same sample.
fn script(seconds: u64, sr: u64, styles: u16) -> Vec<(u64, Ev)> {
    let lcm = 7 * 512;
    let at = |s: f64| ((s * sr as f64) as u64).div_ceil(lcm) * lcm;
    let mut ev = Vec::new();
    let mut t = 0.0;
    let mut k = 0u32;
    while t < seconds as f64 {
        let phase = f64::from(k) * 0.37;
        let a = (phase.sin() * 0.9) as f32;
        let v = ((phase * 0.7).cos() * 0.8) as f32;
        ev.push((at(t), Ev::Target(MoodTarget { valence: v, arousal: a, intensity: 0.3 + 0.5 * (k % 3) as f32 / 2.0 })));
        if k % 2 == 1 {
            ev.push((at(t + 0.3), Ev::Cue(Cue::ALL[k as usize % Cue::ALL.len()])));
        }
        if k % 5 == 4 {
            let q = [Quantize::Immediate, Quantize::Beat, Quantize::Bar, Quantize::Phrase][(k as usize / 5) % 4];
            ev.push((at(t + 0.6), Ev::Style((k as u16 / 5) % styles, q)));
        }
        if k % 11 == 3 {
            // a sync point 9.1 s ahead, as offline renders request them
            ev.push((at(t), Ev::Sync(at(t) + (9.1 * sr as f64) as u64)));
        }
        t += 1.7;
        k += 1;
    }
    // and an ending (a cadence 2 s before the end, planned 12 s ahead)
    let secs = seconds as f64;
    ev.push((at((secs - 14.0).max(0.0)), Ev::End(at(secs - 2.0))));
    ev.sort_by_key(|e| e.0);
    ev
}

#[test]
fn no_allocation_over_ten_minutes_at_every_block_size_and_rate() {
    let styles = factory_styles();
    assert!(styles.len() >= 5, "five factory styles expected");
    let n_styles = styles.len() as u16;
    // ten simulated minutes at 48 kHz across the four block sizes ...
    for block in [1usize, 7, 64, 512] {
        let sr = 48_000.0;
        let mut s = Synth::new(sr, 512, &styles, 7);
        let secs = 150;
        let out = render(&mut s, secs as usize * 48_000, block, &script(secs, 48_000, n_styles));
        assert_eq!(out.allocations, 0, "block {block}: the synth allocated on the audio thread");
        assert!(out.l.iter().chain(&out.r).all(|x| x.is_finite()));
        let peak = out.l.iter().chain(&out.r).fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(peak > 0.001 && peak < 0.9, "block {block}: peak {peak}");
        assert!(out.telemetry.iter().any(|t| matches!(t, Telemetry::StyleChanged { .. })));
        assert!(out.telemetry.iter().any(|t| matches!(t, Telemetry::CueScheduled { .. })));
    }
    // ... and a minute at every other rate and block size
    for sr in [22_050u32, 44_100, 96_000] {
        for block in [1usize, 7, 64, 512] {
            let mut s = Synth::new(sr as f32, 512, &styles, 7);
            s.set_profile(Profile::Streaming);
            let secs = 15;
            let out = render(&mut s, secs * sr as usize, block, &script(secs as u64, u64::from(sr), n_styles));
            assert_eq!(out.allocations, 0, "{sr} Hz block {block}: allocated");
            assert!(out.l.iter().chain(&out.r).all(|x| x.is_finite()));
        }
    }
}

#[test]
fn engine_with_music_commands_flowing_does_not_allocate() {
    let (mut p, mut h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 512, Layout::STEREO).unwrap();
    let mut a = vec![0.0f32; 256];
    let mut b = vec![0.0f32; 256];
    let mut total = 0;
    for i in 0..(48_000 * 60 / 256) {
        if i % 40 == 0 {
            let _ = h.commands.send(Command::Cue(Cue::Goal));
        }
        if i % 700 == 0 {
            let _ = h.commands.send(Command::SetStyle { index: (i / 700 % 5) as u16, quantize: Quantize::Bar });
        }
        if i % 90 == 0 {
            let _ = h.commands.send(Command::SetParam { id: ParamId::Intensity, value: (i % 7) as f32 / 7.0 });
        }
        a.fill(0.0);
        b.fill(0.0);
        let (_, n) = count_allocations(|| p.process(&mut [&mut a, &mut b], None, None));
        total += n;
        while h.telemetry.pop().is_some() {}
    }
    assert_eq!(total, 0);
}

/// On-air clips through the engine's clip queue: loads (also over a slot that is playing),
/// plays on the beat, the bar and at once, stale and missing plays, nine voices at once
/// (stealing), stops and unloads, at several block sizes: nothing is allocated or freed on the
/// audio thread, and every buffer comes back to be freed here.
#[test]
fn engine_plays_clips_without_allocating_or_freeing_on_the_audio_thread() {
    use resonance_engine::synth::clips::{ClipData, ClipEvent};
    for (block, seconds) in [(1usize, 1usize), (7, 6), (64, 10), (512, 10)] {
        let (mut p, mut h) = Engine::new(EngineConfig::default()).prepare(48_000.0, 512, Layout::STEREO).unwrap();
        let mut a = vec![0.0f32; block];
        let mut b = vec![0.0f32; block];
        let (mut total, mut scheduled, mut refused, mut freed, mut generation) = (0, 0, 0, 0, 0u32);
        let every = (4_800 / block).max(1);
        for i in 0..(48_000 * seconds / block) {
            if i % every == 0 {
                let k = i / every;
                generation += 1;
                let len = 2_000 + (k % 5) * 3_000;
                let clip: Vec<f32> = (0..len).map(|j| ((j as f32) * 0.05).sin() * 0.3).collect();
                let slot = (k % 3) as u16;
                h.clips.load(slot, ClipData::new(clip.clone(), clip, generation).unwrap()).unwrap();
                let q = [Quantize::Beat, Quantize::Bar, Quantize::Immediate][k % 3];
                h.clips.play(slot, generation, q, -3.0).unwrap();
                if k % 4 == 1 {
                    h.clips.play(slot, generation - 1, Quantize::Immediate, 0.0).unwrap();
                    h.clips.play(60, 1, Quantize::Immediate, 0.0).unwrap();
                }
                if k % 7 == 3 {
                    for _ in 0..9 {
                        h.clips.play(slot, generation, Quantize::Immediate, -12.0).unwrap();
                    }
                }
                if k % 5 == 4 {
                    h.clips.stop(slot).unwrap();
                    h.clips.unload((slot + 1) % 3).unwrap();
                }
            }
            a.fill(0.0);
            b.fill(0.0);
            let (_, n) = count_allocations(|| p.process(&mut [&mut a, &mut b], None, None));
            total += n;
            while h.telemetry.pop().is_some() {}
            while let Some(e) = h.clips.next_event() {
                match e {
                    ClipEvent::Scheduled { .. } => scheduled += 1,
                    ClipEvent::Refused { .. } => refused += 1,
                    ClipEvent::Ended { .. } => {}
                }
            }
            freed += h.clips.collect_garbage();
        }
        assert_eq!(total, 0, "block {block}: the audio thread allocated or freed with clips playing");
        assert!(scheduled > 0 && refused > 0 && freed > 0, "block {block}: {scheduled} scheduled, {refused} refused, {freed} freed");
    }
}

#[test]
fn same_seed_same_music_and_other_seed_other_music() {
    let styles = factory_styles();
    let ev = script(20, 48_000, styles.len() as u16);
    let a = render(&mut Synth::new(48_000.0, 512, &styles, 42), 48_000 * 20, 512, &ev);
    let b = render(&mut Synth::new(48_000.0, 512, &styles, 42), 48_000 * 20, 512, &ev);
    let c = render(&mut Synth::new(48_000.0, 512, &styles, 43), 48_000 * 20, 512, &ev);
    assert!(a.l == b.l && a.r == b.r, "same seed and inputs must be bit-identical");
    assert_eq!(a.telemetry, b.telemetry);
    assert!(a.l != c.l, "another seed must give other music");
}

#[test]
fn reset_reproduces_output_bit_for_bit() {
    let styles = factory_styles();
    let ev = script(12, 44_100, styles.len() as u16);
    let mut s = Synth::new(44_100.0, 512, &styles, 9);
    s.set_style(2, Quantize::Immediate, &mut |_| {});
    let a = render(&mut s, 44_100 * 12, 64, &ev);
    s.reset();
    let b = render(&mut s, 44_100 * 12, 64, &ev);
    assert!(a.l == b.l && a.r == b.r);
    assert_eq!(a.telemetry, b.telemetry);
    assert_eq!(
        s.style(),
        b.telemetry.iter().rev().find_map(|t| if let Telemetry::StyleChanged { index, .. } = t { Some(*index) } else { None }).unwrap_or(2)
    );
}

#[test]
fn output_does_not_depend_on_block_size() {
    let styles = factory_styles();
    let ev = script(15, 48_000, styles.len() as u16);
    let n = 48_000 * 15;
    let reference = render(&mut Synth::new(48_000.0, 512, &styles, 5), n, 512, &ev);
    for block in [1usize, 7, 64, 0] {
        let reference = if block == 0 {
            render(&mut Synth::new(48_000.0, 512, &styles, 5), n, 512, &as_applied_by_random_blocks(&ev, n))
        } else {
            reference.clone()
        };
        let other = render(&mut Synth::new(48_000.0, 512, &styles, 5), n, block, &ev);
        let first_diff = reference.l.iter().zip(&other.l).position(|(a, b)| a != b);
        assert_eq!(first_diff, None, "block {block} differs from block 512");
        assert!(reference.r == other.r);
        assert_eq!(reference.telemetry, other.telemetry, "block {block}");
    }
}

/// `events` at the times a render in [`RandomBlocks`] applies them (the first of its block
/// starts at or after each event's time, up to 700 samples late). Block-size invariance means
/// the same output for the same events at the same times: an event applied later is another
/// input (a target that arrives after a 16th step instead of before it moves the mood one
/// step later), so random blocks are compared with fixed blocks that apply the events where
/// the random blocks did.
fn as_applied_by_random_blocks(events: &[(u64, Ev)], n: usize) -> Vec<(u64, Ev)> {
    let mut blocks = RandomBlocks::new();
    let mut out = Vec::with_capacity(events.len());
    let (mut pos, mut next) = (0u64, 0);
    while pos < n as u64 {
        while let Some(&(t, e)) = events.get(next)
            && t <= pos
        {
            out.push((pos, e));
            next += 1;
        }
        pos += blocks.next() as u64;
    }
    out
}

/// First index where two renders differ.
fn first_difference(a: &Render, b: &Render) -> Option<usize> {
    let l = a.l.iter().zip(&b.l).position(|(x, y)| x != y);
    let r = a.r.iter().zip(&b.r).position(|(x, y)| x != y);
    match (l, r) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

#[test]
fn stingers_land_on_the_next_beat_to_the_sample() {
    let styles = factory_styles();
    for (k, &cue) in [Cue::Goal, Cue::Card, Cue::Victory, Cue::BossAppears, Cue::LevelUp].iter().enumerate() {
        for sr in [44_100.0f32, 48_000.0] {
            // a cue at an arbitrary sample, not on any grid
            let t_cue = (3.0 * sr) as usize + 1237 * (k + 1);
            let n = t_cue + (4.0 * sr) as usize;
            let mut base = Synth::new(sr, 512, &styles, 11);
            let mut with = Synth::new(sr, 512, &styles, 11);
            let calm = MoodTarget { valence: 0.2, arousal: -0.2, intensity: 0.4 };
            base.set_target(calm);
            with.set_target(calm);
            let a1 = render(&mut base, t_cue, 0, &[]);
            let b1 = render(&mut with, t_cue, 0, &[]);
            assert_eq!(with.time(), t_cue as u64);
            let expected = with.next_beat_at();
            let beat = u64::from(with.samples_per_step()) * 4;
            let mut tel = Vec::new();
            with.cue(cue, &mut |t| tel.push(t));
            let Some(Telemetry::CueScheduled { at, .. }) = tel.first().copied() else { panic!("cue not scheduled") };
            assert_eq!(at, expected, "{cue:?}: the stinger must be scheduled on the next beat of the clock");
            let lat = with.latency() as u64;
            assert!(at >= t_cue as u64 + lat && at < t_cue as u64 + lat + beat, "{cue:?}: next beat, not later");
            let a2 = render(&mut base, n - t_cue, 0, &[]);
            let b2 = render(&mut with, n - t_cue, 0, &[]);
            let join =
                |x: Render, y: Render| Render { l: [x.l, y.l].concat(), r: [x.r, y.r].concat(), telemetry: Vec::new(), allocations: 0 };
            let a = join(a1, a2);
            let b = join(b1, b2);
            assert_eq!(first_difference(&a, &b), Some(at as usize), "{cue:?} at {sr} Hz: audible exactly at the scheduled sample");
        }
    }
}

#[test]
fn style_transitions_take_effect_exactly_on_their_boundary() {
    let styles = factory_styles();
    let sr = 48_000.0;
    for (q, idx) in [(Quantize::Beat, 1u16), (Quantize::Bar, 2), (Quantize::Phrase, 3), (Quantize::Immediate, 4)] {
        let mut s = Synth::new(sr, 512, &styles, 3);
        s.set_target(MoodTarget { valence: 0.3, arousal: 0.3, intensity: 0.6 });
        let t_req = 5 * 48_000 + 333;
        let _ = render(&mut s, t_req, 64, &[]);
        let expected = match q {
            Quantize::Beat => s.next_beat_at(),
            Quantize::Bar => s.next_bar_at(),
            _ => 0,
        };
        let mut tel = Vec::new();
        s.set_style(idx, q, &mut |t| tel.push(t));
        assert!(tel.is_empty(), "reported when it happens, not when requested");
        let out = render(&mut s, 12 * 48_000, 64, &[]);
        let at = out
            .telemetry
            .iter()
            .find_map(|t| if let Telemetry::StyleChanged { index, at } = t { (*index == idx).then_some(*at) } else { None })
            .expect("the style change must happen");
        let lat = s.latency() as u64;
        let step = u64::from(s.samples_per_step());
        assert!(at >= t_req as u64 + lat);
        match q {
            Quantize::Beat | Quantize::Bar => assert_eq!(at, expected, "{q:?}"),
            Quantize::Immediate => assert!(at < t_req as u64 + lat + step, "immediate = the next 16th step"),
            _ => assert!(at < t_req as u64 + lat + 64 * step + 1, "phrase within 4 bars"),
        }
        assert_eq!(s.style(), idx);
    }
}

#[test]
fn event_storm_is_rate_limited_without_runaway_or_stuck_voices() {
    let styles = factory_styles();
    let sr = 48_000.0;
    let mut s = Synth::new(sr, 48, &styles, 1);
    s.set_target(MoodTarget { valence: 0.8, arousal: 0.9, intensity: 1.0 });
    let limit = 64 + 8;
    let mut accepted = 0;
    let mut l = vec![0.0f32; 48];
    let mut r = vec![0.0f32; 48];
    // 10 s of 1000 goals per second (one every 48 samples)
    for i in 0..10_000 {
        let ((), allocs) = count_allocations(|| {
            s.cue(Cue::ALL[i % Cue::ALL.len()], &mut |t| {
                if matches!(t, Telemetry::CueScheduled { .. }) {
                    accepted += 1;
                }
            });
            s.process(&mut l, &mut r, &mut |_| {});
        });
        assert_eq!(allocs, 0);
        let st = s.voice_stats();
        assert!(st.tonal_active <= limit, "runaway voices: {st:?}");
        assert!(l.iter().chain(&r).all(|x| x.is_finite() && x.abs() < 0.9));
    }
    assert!((5..=6).contains(&accepted), "at most one stinger per 2 s: {accepted}");
    assert!(s.dropped_cues() >= 9_990);
    // then quiet: everything the storm started must end
    s.set_target(MoodTarget { valence: 0.0, arousal: -1.0, intensity: 0.0 });
    for _ in 0..(20 * 1000) {
        s.process(&mut l, &mut r, &mut |_| {});
    }
    let st = s.voice_stats();
    assert!(st.tonal_active <= 12, "stuck notes after the storm: {st:?}");
    assert!(st.drum_active == 0, "drums must stop when calm: {st:?}");
}

#[test]
fn nan_and_out_of_range_targets_are_sanitised() {
    let styles = factory_styles();
    let bad = [
        MoodTarget { valence: f32::NAN, arousal: f32::NAN, intensity: f32::NAN },
        MoodTarget { valence: f32::INFINITY, arousal: f32::NEG_INFINITY, intensity: 7.0 },
    ];
    let mut s = Synth::new(48_000.0, 512, &styles, 2);
    let mut good = Synth::new(48_000.0, 512, &styles, 2);
    let mut l = vec![0.0f32; 512];
    let mut r = vec![0.0f32; 512];
    let mut gl = vec![0.0f32; 512];
    let mut gr = vec![0.0f32; 512];
    for i in 0..2000 {
        s.set_target(bad[0]);
        good.set_target(MoodTarget::default());
        s.process(&mut l, &mut r, &mut |_| {});
        good.process(&mut gl, &mut gr, &mut |_| {});
        assert!(l == gl && r == gr, "NaN target must act as the default target (block {i})");
    }
    for _ in 0..2000 {
        s.set_target(bad[1]);
        s.process(&mut l, &mut r, &mut |_| {});
        assert!(l.iter().chain(&r).all(|x| x.is_finite()));
    }
    assert!(s.music().bpm.is_finite() && s.music().energy <= 1.0);
}

/// The General MIDI SoundFont the tests play (Debian's `timgm6mb-soundfont`, 6 MB), or
/// `RESONANCE_SOUNDFONT`.
fn test_soundfont() -> std::sync::Arc<resonance_engine::synth::soundfont::SoundFont> {
    let path = std::env::var_os("RESONANCE_SOUNDFONT")
        .map_or_else(|| std::path::PathBuf::from("/usr/share/sounds/sf2/TimGM6mb.sf2"), std::path::PathBuf::from);
    assert!(
        path.exists(),
        "SoundFont {} not found: install it with `apt-get install timgm6mb-soundfont` (scripts/setup.sh does) or set RESONANCE_SOUNDFONT to a .sf2 file",
        path.display()
    );
    resonance_engine::synth::soundfont::load(&path).expect("the test SoundFont must parse")
}

fn soundfont_styles() -> Vec<Style> {
    let mut styles = factory_styles();
    // stadium anthem with strings pad, finger bass, brass stingers and the GM kit
    if let Some(s) = styles.first_mut() {
        s.soundfont =
            resonance_engine::synth::SoundFontMap { pad: Some(48), bass: Some(33), stinger: Some(61), drums: true, ..Default::default() };
    }
    styles
}

#[test]
fn soundfont_layers_play_without_allocating_at_any_block_size_and_deterministically() {
    let sf = test_soundfont();
    let styles = soundfont_styles();
    let n_styles = styles.len() as u16;
    let secs = 40;
    let ev = script(secs, 48_000, n_styles);
    let mk = || Synth::new(48_000.0, 512, &styles, 21).with_soundfont(&sf).expect("SoundFont synth at 48 kHz");
    let plain = render(&mut Synth::new(48_000.0, 512, &styles, 21), 48_000 * secs as usize, 512, &ev);
    let reference = render(&mut mk(), 48_000 * secs as usize, 512, &ev);
    assert_eq!(reference.allocations, 0, "SoundFont playback allocated on the audio thread");
    assert!(reference.l.iter().chain(&reference.r).all(|x| x.is_finite() && x.abs() < 0.95));
    let first_second: f32 = reference.l[..48_000 * 4].iter().map(|x| x * x).sum();
    assert!(first_second > 1e-3, "the SoundFont layers must be audible: energy {first_second}");
    assert!(reference.l != plain.l, "the mapped layers must come from the SoundFont");
    let n = 48_000 * secs as usize;
    for block in [1usize, 7, 64, 0] {
        let reference = if block == 0 { render(&mut mk(), n, 512, &as_applied_by_random_blocks(&ev, n)) } else { reference.clone() };
        let other = render(&mut mk(), n, block, &ev);
        assert_eq!(other.allocations, 0, "block {block}: allocated");
        assert_eq!(first_difference(&reference, &other), None, "block {block}: differs from block 512");
    }
    let mut s = mk();
    let a = render(&mut s, 48_000 * 10, 64, &ev);
    s.reset();
    let b = render(&mut s, 48_000 * 10, 64, &ev);
    assert_eq!(first_difference(&a, &b), None, "reset() must reproduce SoundFont output bit for bit");
}

#[test]
fn soundfont_stinger_lands_on_the_beat_to_the_sample() {
    let sf = test_soundfont();
    let styles = soundfont_styles();
    let sr = 48_000.0;
    let t_cue = 3 * 48_000 + 4321;
    let n = t_cue + 4 * 48_000;
    let mk = || {
        let mut s = Synth::new(sr, 512, &styles, 11).with_soundfont(&sf).expect("SoundFont synth");
        s.set_target(MoodTarget { valence: 0.2, arousal: -0.2, intensity: 0.4 });
        s
    };
    let (mut base, mut with) = (mk(), mk());
    let a1 = render(&mut base, t_cue, 0, &[]);
    let b1 = render(&mut with, t_cue, 0, &[]);
    let expected = with.next_beat_at();
    let mut tel = Vec::new();
    with.cue(Cue::Goal, &mut |t| tel.push(t));
    let Some(Telemetry::CueScheduled { at, .. }) = tel.first().copied() else { panic!("cue not scheduled") };
    assert_eq!(at, expected);
    let a2 = render(&mut base, n - t_cue, 0, &[]);
    let b2 = render(&mut with, n - t_cue, 0, &[]);
    let join = |x: Render, y: Render| Render { l: [x.l, y.l].concat(), r: [x.r, y.r].concat(), telemetry: Vec::new(), allocations: 0 };
    assert_eq!(first_difference(&join(a1, a2), &join(b1, b2)), Some(at as usize), "SoundFont stinger audible exactly on its beat");
}

#[test]
fn loudness_profile_is_an_engine_parameter() {
    let mut cfg = EngineConfig::default();
    cfg.params.set(ParamId::MusicLevel, 0.0);
    cfg.params.set(ParamId::DryWet, 1.0);
    let run = |profile: f32| {
        let mut cfg = cfg.clone();
        cfg.params.set(ParamId::LoudnessProfile, profile);
        let (mut p, _h) = Engine::new(cfg).prepare(48_000.0, 512, Layout::STEREO).unwrap();
        assert!(p.latency() == 0 && p.music_latency() > 0, "music latency is reported apart from the main path's");
        let mut a = vec![0.0f32; 512];
        let mut b = vec![0.0f32; 512];
        let mut energy = 0.0f64;
        let mut allocs = 0;
        for i in 0..(48_000 * 30 / 512) {
            a.fill(0.0);
            b.fill(0.0);
            let (_, n) = count_allocations(|| p.process(&mut [&mut a, &mut b], None, None));
            allocs += n;
            if i > 48_000 * 10 / 512 {
                energy += a.iter().chain(&b).map(|&x| f64::from(x) * f64::from(x)).sum::<f64>();
            }
        }
        assert_eq!(allocs, 0);
        10.0 * energy.log10()
    };
    let (broadcast, streaming) = (run(0.0), run(1.0));
    let diff = streaming - broadcast;
    assert!((6.0..12.0).contains(&diff), "streaming (-14 LUFS) must be ~9 dB above broadcast (-23 LUFS): {diff:.1} dB");
}
