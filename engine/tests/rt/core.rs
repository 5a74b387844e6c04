//! The engine as a whole: allocation-free processing, robustness, invariance, reset.

use resonance_engine::prelude::*;
use resonance_engine::testing::count_allocations;
use resonance_engine::{OUTPUT_CEILING_DB, dsp::db_to_lin};

use crate::common::{load_mono, load_stereo, looped};

/// Simulated minutes per (rate, block size) in the allocation test; CI uses the default.
fn rt_minutes() -> f64 {
    std::env::var("RESONANCE_RT_MINUTES").ok().and_then(|v| v.parse().ok()).unwrap_or(10.0)
}

/// Programme (real music) and crowd (real stadium recording) at `rate`.
fn real_inputs(rate: u32) -> ([Vec<f32>; 2], Vec<f32>) {
    (load_stereo("music/battle.ogg", rate), load_mono("crowd/crowd01.wav", rate))
}

/// Commands a busy broadcast sends: cues, style switches, parameter moves, overrides, and the
/// copyright guard's ducks (a 300 ms lease, so every one lapses before the next command).
fn command_for(step: u64) -> Command {
    match step % 9 {
        8 => Command::Guard { gain_db: if step % 18 == 8 { f32::NEG_INFINITY } else { -20.0 }, fade_ms: 150, lease_ms: 300 },
        0 => Command::Cue(Cue::ALL[(step as usize / 8) % Cue::ALL.len()]),
        1 => Command::SetStyle { index: (step % 3) as u16, quantize: Quantize::Bar },
        2 => Command::SetParam { id: ParamId::MusicLevel, value: -20.0 + (step % 20) as f32 },
        3 => Command::MoodOverride(MoodTarget { valence: 0.8, arousal: f32::NAN, intensity: 0.9 }),
        4 => Command::ClearMoodOverride,
        5 => Command::TelemetryMood(MoodTarget { valence: -0.5, arousal: 0.7, intensity: 0.2 }),
        6 => Command::SetParam { id: ParamId::MoodSource, value: (step % 3) as f32 },
        _ => Command::SetParam { id: ParamId::Bypass, value: if step % 16 == 7 { 1.0 } else { 0.0 } },
    }
}

/// Runs `seconds` of real audio through a prepared engine at `block` samples per call, with
/// commands every half second and hostile input every few seconds; returns the number of
/// allocations made inside `process()`.
fn allocations_while_processing(rate: u32, block: usize, seconds: f64) -> usize {
    let (music, crowd) = real_inputs(rate);
    let layout = Layout { main_channels: 2, sidechain: true, music_out: true };
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(f64::from(rate), block.max(64), layout).expect("prepare");
    let total = (seconds * f64::from(rate)) as usize;
    let (mut l, mut r, mut sc, mut ml, mut mr) = (vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block]);
    let mut allocs = 0;
    let mut pos = 0;
    let mut next_cmd = 0;
    let half_s = rate as usize / 2;
    while pos < total {
        looped(&music[0], pos, &mut l);
        looped(&music[1], pos, &mut r);
        looped(&crowd, pos, &mut sc);
        // hostile input: a NaN/Inf burst, a full-scale square and subnormals every ~7 s
        match (pos / block) % (7 * rate as usize / block).max(1) {
            0 => l.iter_mut().step_by(3).for_each(|x| *x = f32::NAN),
            1 => r.iter_mut().for_each(|x| *x = f32::INFINITY),
            2 => l.iter_mut().enumerate().for_each(|(i, x)| *x = if (i / 4) % 2 == 0 { 1.0 } else { -1.0 }),
            3 => sc.iter_mut().for_each(|x| *x = 1e-41),
            _ => {}
        }
        if pos >= next_cmd * half_s {
            let _ = handle.commands.send(command_for(next_cmd as u64));
            next_cmd += 1;
        }
        let (status, n) = count_allocations(|| {
            let mut main = [&mut l[..], &mut r[..]];
            let side = [&sc[..], &sc[..]];
            let mut music_out = [&mut ml[..], &mut mr[..]];
            proc.process(&mut main, Some(&side), Some(&mut music_out))
        });
        allocs += n;
        assert!(!matches!(status, ProcessStatus::Error(_)), "{status:?}");
        assert!(l.iter().chain(&r).chain(&ml).chain(&mr).all(|x| x.is_finite()), "non-finite output at {pos}");
        // the main thread keeps up with telemetry and landmarks, as a host's would
        handle.telemetry.drain().for_each(drop);
        while handle.landmarks.pop().is_some() {}
        pos += block;
    }
    let m = handle.meters.read();
    assert!(m.sanitized_samples > 0, "hostile input was injected and must be counted");
    if seconds >= 10.0 {
        assert!(m.guard_lapses > 0, "guard leases were sent and must lapse");
    }
    assert_eq!(m.time, pos as u64);
    allocs
}

#[test]
fn harness_catches_an_allocating_processor() {
    /// A processor that grows a buffer now and then: the kind of bug the harness exists for.
    struct Leaky {
        history: Vec<f32>,
    }
    impl Leaky {
        fn process(&mut self, block: &mut [f32]) {
            self.history.extend_from_slice(block);
        }
    }
    let mut leaky = Leaky { history: Vec::new() };
    let mut block = vec![0.1f32; 64];
    let mut total = 0;
    for _ in 0..100 {
        total += count_allocations(|| leaky.process(&mut block)).1;
    }
    assert!(total > 0, "the counting allocator must see Vec growth");
    assert_eq!(count_allocations(|| std::hint::black_box(3 + 4)).1, 0);
    let boxed = count_allocations(|| drop(std::hint::black_box(Box::new(5u64)))).1;
    assert_eq!(boxed, 2, "one allocation and one free");
}

#[test]
fn engine_never_allocates_in_process() {
    let minutes = rt_minutes();
    let rates = [44_100u32, 48_000, 96_000];
    let blocks = [1usize, 7, 64, 512];
    // Each rate on its own thread (the counter is per thread); block sizes in turn.
    std::thread::scope(|s| {
        let handles: Vec<_> = rates
            .iter()
            .map(|&rate| {
                s.spawn(move || {
                    blocks.iter().map(|&b| (rate, b, allocations_while_processing(rate, b, minutes * 60.0))).collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (rate, block, allocs) in h.join().expect("worker") {
                assert_eq!(allocs, 0, "{allocs} allocations in process() at {rate} Hz, block {block}");
            }
        }
    });
}

/// Renders `input` through a fresh engine at a given host block size (and max block).
fn render(rate: u32, max_block: usize, sizes: &[usize], main: &[Vec<f32>; 2], crowd: &[f32]) -> (Vec<f32>, Vec<f32>, Vec<Telemetry>) {
    let layout = Layout { main_channels: 2, sidechain: true, music_out: false };
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(f64::from(rate), max_block, layout).unwrap();
    render_with(&mut proc, &mut handle, sizes, main, crowd)
}

fn render_with(
    proc: &mut EngineProcessor,
    handle: &mut EngineHandle,
    sizes: &[usize],
    main: &[Vec<f32>; 2],
    crowd: &[f32],
) -> (Vec<f32>, Vec<f32>, Vec<Telemetry>) {
    let (mut out_l, mut out_r, mut tel) = (main[0].clone(), main[1].clone(), Vec::new());
    let mut pos = 0;
    let mut k = 0;
    while pos < out_l.len() {
        let n = sizes[k % sizes.len()].min(out_l.len() - pos);
        k += 1;
        let side = [&crowd[pos..pos + n], &crowd[pos..pos + n]];
        let (a, b) = (&mut out_l[pos..pos + n], &mut out_r[pos..pos + n]);
        proc.process(&mut [a, b], Some(&side), None);
        tel.extend(handle.telemetry.drain());
        pos += n;
    }
    (out_l, out_r, tel)
}

fn excerpt(rate: u32, seconds: f64) -> ([Vec<f32>; 2], Vec<f32>) {
    let (music, crowd) = real_inputs(rate);
    let n = (seconds * f64::from(rate)) as usize;
    let mut m = [vec![0.0; n], vec![0.0; n]];
    let mut c = vec![0.0; n];
    looped(&music[0], rate as usize * 5, &mut m[0]);
    looped(&music[1], rate as usize * 5, &mut m[1]);
    looped(&crowd, 0, &mut c);
    (m, c)
}

#[test]
fn output_does_not_depend_on_host_block_size() {
    let rate = 48_000;
    let (main, crowd) = excerpt(rate, 20.0);
    let (ref_l, ref_r, ref_t) = render(rate, 512, &[64], &main, &crowd);
    for (max_block, sizes) in
        [(512, vec![1]), (512, vec![7]), (512, vec![512]), (512, vec![4096]), (4096, vec![4096]), (1024, vec![1, 333, 17, 1024, 5])]
    {
        let (l, r, t) = render(rate, max_block, &sizes, &main, &crowd);
        assert!(l == ref_l && r == ref_r, "output differs at host block sizes {sizes:?} (max {max_block})");
        assert_eq!(t, ref_t, "telemetry differs at host block sizes {sizes:?}");
    }
}

#[test]
fn reset_reproduces_output_bit_for_bit() {
    let rate = 44_100;
    let (main, crowd) = excerpt(rate, 12.0);
    let layout = Layout { main_channels: 2, sidechain: true, music_out: false };
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(f64::from(rate), 256, layout).unwrap();
    let first = render_with(&mut proc, &mut handle, &[256], &main, &crowd);
    proc.reset();
    let second = render_with(&mut proc, &mut handle, &[256], &main, &crowd);
    assert!(first.0 == second.0 && first.1 == second.1, "output after reset() differs");
    assert_eq!(first.2, second.2, "telemetry after reset() differs");
    assert!(!first.2.is_empty(), "the engine reports moods while it runs");
}

/// A named generator of hostile input samples.
type Generator = (&'static str, fn(usize) -> f32);

#[test]
fn hostile_input_gives_finite_bounded_output() {
    let rate = 48_000u32;
    let (mut proc, handle) = Engine::new(EngineConfig::default()).prepare(f64::from(rate), 512, Layout::STEREO).unwrap();
    let ceiling = db_to_lin(OUTPUT_CEILING_DB) + 1e-6;
    let mut seed = 0x1234_5678u32;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let generators: [Generator; 6] = [
        ("nan", |i| if i % 5 == 0 { f32::NAN } else { 0.3 }),
        ("inf", |i| if i % 2 == 0 { f32::INFINITY } else { f32::NEG_INFINITY }),
        ("square", |i| if (i / 24) % 2 == 0 { 1.0 } else { -1.0 }),
        ("dc", |_| 0.9),
        ("silence", |_| 0.0),
        ("huge", |i| if i % 2 == 0 { 1e30 } else { -1e30 }),
    ];
    let mut sanitized_seen = false;
    for round in 0..40 {
        let (name, g) = generators[round % generators.len()];
        let n = (rnd() % 2000) as usize + 1;
        let mut l: Vec<f32> = (0..n).map(g).collect();
        let mut r = l.clone();
        let status = proc.process(&mut [&mut l, &mut r], None, None);
        sanitized_seen |= status == ProcessStatus::Sanitized;
        for x in l.iter().chain(&r) {
            assert!(x.is_finite() && x.abs() <= ceiling, "{name}: output {x} (block {n})");
        }
    }
    assert!(sanitized_seen, "NaN/Inf input is reported as Sanitized");
    drop(handle);
}

#[test]
fn full_telemetry_queue_drops_and_counts_without_blocking() {
    let cfg = EngineConfig { telemetry_capacity: 64, ..EngineConfig::default() };
    let (mut proc, mut handle) = Engine::new(cfg).prepare(48_000.0, 512, Layout::MONO).unwrap();
    let mut buf = vec![0.2f32; 512];
    // 200 s without anyone reading telemetry: moods every 0.5 s overflow a 64-slot queue.
    for _ in 0..(200 * 48_000 / 512) {
        proc.process(&mut [&mut buf], None, None);
    }
    let m = handle.meters.read();
    assert!(m.dropped_telemetry > 0, "overflow must be counted");
    assert_eq!(handle.telemetry.drain().count(), 64, "the queue holds its capacity, oldest first");
}

#[test]
fn bypass_passes_input_through() {
    let rate = 48_000;
    let (main, crowd) = excerpt(rate, 3.0);
    let mut cfg = EngineConfig::default();
    cfg.params.set(ParamId::Bypass, 1.0);
    let layout = Layout { main_channels: 2, sidechain: true, music_out: false };
    let (mut proc, mut handle) = Engine::new(cfg).prepare(f64::from(rate), 512, layout).unwrap();
    let (l, r, _) = render_with(&mut proc, &mut handle, &[512], &main, &crowd);
    assert!(l == main[0] && r == main[1], "bypassed output must equal the input");
}

/// The engine behind its rate converter ([`resonance_engine::rate_bridge::AnyRateProcessor`])
/// at the rates a host, a device or a file may run at outside the engine's own: not one
/// allocation in `process()` with hostile input and commands, finite output, mono and stereo
/// main buses, with and without the sidechain, at block sizes up to and past `max_block`.
#[test]
fn engine_behind_the_rate_converter_never_allocates() {
    use resonance_engine::rate_bridge::AnyRateProcessor;
    for (rate, block) in [(1_000.0, 64usize), (1_234.567_8, 7), (8_000.0, 512), (12_345.678, 300), (384_000.0, 512), (768_000.0, 4096)] {
        let layout = Layout { main_channels: 2, sidechain: true, music_out: false };
        let (mut proc, mut handle) = AnyRateProcessor::prepare(&Engine::new(EngineConfig::default()), rate, 512, layout).expect("prepare");
        assert!(proc.engine_rate() != rate && proc.latency() > 0, "{rate} Hz runs behind the converter");
        let total = (3.0 * rate) as usize;
        let (mut l, mut r, mut sc) = (vec![0.0f32; block], vec![0.0f32; block], vec![0.0f32; block]);
        let (mut allocs, mut pos, mut peak, mut step) = (0, 0, 0.0f32, 0u64);
        while pos < total {
            for i in 0..block {
                let t = (pos + i) as f64 / rate;
                l[i] = (0.3 * (std::f64::consts::TAU * 0.05 * rate * t).sin()) as f32;
                r[i] = l[i];
                sc[i] = (0.2 * (std::f64::consts::TAU * 0.11 * rate * t).sin()) as f32;
            }
            if (pos / block) % 97 == 3 {
                l.iter_mut().step_by(5).for_each(|x| *x = f32::NAN);
            }
            if (pos / block) % 50 == 0 {
                let _ = handle.commands.send(command_for(step));
                step += 1;
            }
            let mono = (pos / block) % 2 == 1;
            let (status, n) = count_allocations(|| {
                let side = [&sc[..], &sc[..]];
                let sidechain = (pos / block % 3 != 0).then_some(&side[..]);
                if mono { proc.process(&mut [&mut l[..]], sidechain) } else { proc.process(&mut [&mut l[..], &mut r[..]], sidechain) }
            });
            allocs += n;
            assert!(!matches!(status, ProcessStatus::Error(_)), "{rate} Hz: {status:?}");
            assert!(l.iter().chain(&r).all(|x| x.is_finite()), "{rate} Hz: non-finite output at {pos}");
            peak = l.iter().fold(peak, |p, x| p.max(x.abs()));
            handle.telemetry.drain().for_each(drop);
            while handle.landmarks.pop().is_some() {}
            pos += block;
        }
        assert_eq!(allocs, 0, "{allocs} allocations in process() at {rate} Hz, block {block}");
        assert!(peak > 0.01, "{rate} Hz: the output sounds");
        assert!(handle.meters.read().sanitized_samples > 0, "{rate} Hz: the NaN input was counted");
    }
}

/// The music deck (a whole track streamed in as the music bed): tracks handed in, crossfaded,
/// stopped, ended and fed from the main thread while the audio thread plays them — nothing is
/// allocated or freed in `process()` (each spent ring comes back to be freed here); the track
/// replaces the generated music, and is ducked under the programme like it.
#[test]
fn engine_plays_the_music_deck_without_allocating_and_ducks_it_under_the_programme() {
    let rate = 48_000usize;
    let block = 256;
    let layout = Layout { main_channels: 2, sidechain: true, music_out: true };
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(rate as f64, block, layout).expect("prepare");
    let (mut l, mut r, mut sc, mut ml, mut mr) = (vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block]);
    // a 220 Hz "track" at -12 dBFS, fed a block at a time from this (the main) thread
    let tone: Vec<f32> = (0..rate).map(|i| 0.25 * (std::f32::consts::TAU * 220.0 * i as f32 / rate as f32).sin()).collect();
    let (mut allocs, mut freed, mut fed) = (0, 0, 0usize);
    let (mut quiet_sq, mut quiet_n, mut ducked_sq, mut ducked_n) = (0.0f64, 0usize, 0.0f64, 0usize);
    let mut feed = None;
    let blocks = 24 * rate / block;
    for i in 0..blocks {
        let t = i * block / rate; // whole seconds
        // a new track every 6 s (crossfade 0.25 s); a stop at 17 s; the last one ends on its own
        if i * block % (6 * rate) == 0 {
            let (f, s) = handle.deck.stream(2.0);
            handle.deck.play(s, 0.25, 0.0, 0.0, Quantize::Immediate).expect("the deck takes the track");
            feed = Some(f);
        }
        if i * block == 17 * rate {
            handle.deck.stop(0.1, Quantize::Immediate).unwrap();
        }
        if let Some(f) = feed.as_mut() {
            if t % 6 == 5 && t >= 18 {
                f.finish();
            }
            let n = f.free_frames().min(block * 2);
            let at = fed % rate;
            let n = n.min(rate - at);
            fed += f.push(&tone[at..at + n], &tone[at..at + n]);
        }
        // commentary (a loud programme) in seconds 3-5 of each track; the crowd on the sidechain
        let talking = t % 6 >= 3;
        for (j, (a, b)) in l.iter_mut().zip(r.iter_mut()).enumerate() {
            let x = if talking { 0.3 * ((i * block + j) as f32 * 0.031).sin() } else { 0.0 };
            *a = x;
            *b = x;
        }
        sc.fill(0.0);
        let (_, n) = count_allocations(|| {
            let mut main = [&mut l[..], &mut r[..]];
            let side = [&sc[..]];
            let mut music_out = [&mut ml[..], &mut mr[..]];
            proc.process(&mut main, Some(&side), Some(&mut music_out))
        });
        allocs += n;
        handle.telemetry.drain().for_each(drop);
        freed += handle.deck.collect_garbage();
        // steady state of the first track: 1.5-2.5 s quiet, 4-5 s under commentary
        let s = i * block;
        let sq: f64 = ml.iter().map(|&x| f64::from(x) * f64::from(x)).sum();
        if (rate * 3 / 2..rate * 5 / 2).contains(&s) {
            quiet_sq += sq;
            quiet_n += block;
        } else if (rate * 4..rate * 5).contains(&s) {
            ducked_sq += sq;
            ducked_n += block;
        }
    }
    assert_eq!(allocs, 0, "the audio thread allocated or freed with the deck playing");
    let status = &handle.deck.status;
    assert!(status.frames.load(std::sync::atomic::Ordering::Relaxed) > 10 * rate as u64, "the deck played");
    assert!(freed >= 3, "spent rings come back to be freed here: {freed}");
    let db = |sq: f64, n: usize| 10.0 * (sq / n.max(1) as f64).log10();
    let (quiet, ducked) = (db(quiet_sq, quiet_n), db(ducked_sq, ducked_n));
    // the track alone on the music bus: a -12 dBFS sine is -15 dB RMS, at the default music
    // level of -6 dB
    assert!((quiet + 21.0).abs() < 1.5, "the deck's track on the music bus: {quiet:.1} dB RMS");
    assert!(ducked < quiet - 6.0, "ducked under the programme: {ducked:.1} vs {quiet:.1} dB RMS");
}

/// A library track asked for at the next phrase (decision record 0071) starts its crossfade
/// on exactly the sample where the generated music's phrase starts — the sample a style
/// change asked for at the same phrase takes effect — and the music bus is bit-identical to a
/// run without the track until then; a phrase-quantised stop hands back to the generated
/// music on the next phrase too. Nothing allocates.
#[test]
fn a_deck_track_asked_for_at_the_phrase_crossfades_on_the_generated_musics_phrase() {
    let rate = 48_000usize;
    let block = 128;
    let layout = Layout { main_channels: 2, sidechain: false, music_out: true };
    let tone: Vec<f32> = (0..rate).map(|i| 0.25 * (std::f32::consts::TAU * 330.0 * i as f32 / rate as f32).sin()).collect();
    // the whole run's music bus, with and without the track; the deck's switch times
    let run = |with_track: bool| {
        let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(rate as f64, block, layout).expect("prepare");
        handle.commands.send(Command::SetParam { id: ParamId::MoodSource, value: 2.0 }).unwrap();
        let (mut l, mut r, mut ml, mut mr) = (vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block]);
        let (mut bus, mut styles, mut allocs, mut feed, mut fed) = (Vec::new(), Vec::new(), 0, None, 0usize);
        let (mut play_at, mut stop_at) = (0u64, 0u64);
        let blocks = 30 * rate / block;
        for i in 0..blocks {
            if i * block == 3 * rate + 17 * block {
                handle.commands.send(Command::SetStyle { index: 1, quantize: Quantize::Phrase }).unwrap();
                if with_track {
                    let (f, s) = handle.deck.stream(4.0);
                    handle.deck.play(s, 2.0, 0.0, 0.0, Quantize::Phrase).expect("the deck takes the track");
                    feed = Some(f);
                }
            }
            if i * block == 16 * rate {
                handle.commands.send(Command::SetStyle { index: 0, quantize: Quantize::Phrase }).unwrap();
                if with_track {
                    play_at = handle.deck.status.switched_at.load(std::sync::atomic::Ordering::Relaxed);
                    handle.deck.stop(1.0, Quantize::Phrase).unwrap();
                }
            }
            if let Some(f) = feed.as_mut() {
                let at = fed % rate;
                let n = f.free_frames().min(rate - at);
                fed += f.push(&tone[at..at + n], &tone[at..at + n]);
            }
            l.fill(0.0);
            r.fill(0.0);
            let (_, n) = count_allocations(|| {
                let mut main = [&mut l[..], &mut r[..]];
                let mut music_out = [&mut ml[..], &mut mr[..]];
                proc.process(&mut main, None, Some(&mut music_out))
            });
            allocs += n;
            for t in handle.telemetry.drain() {
                if let Telemetry::StyleChanged { at, .. } = t {
                    styles.push(at);
                }
            }
            handle.deck.collect_garbage();
            bus.extend_from_slice(&ml);
        }
        if with_track {
            stop_at = handle.deck.status.switched_at.load(std::sync::atomic::Ordering::Relaxed);
        }
        (bus, styles, play_at, stop_at, allocs)
    };
    let (plain, styles_plain, ..) = run(false);
    let (deck, styles, play_at, stop_at, allocs) = run(true);
    assert_eq!(allocs, 0, "the audio thread allocated or freed with a quantised deck");
    assert_eq!(styles_plain, styles, "the generated music keeps its time");
    let [style_at, back_at] = styles[..] else { panic!("two style changes on phrases: {styles:?}") };
    let asked = (3 * rate + 18 * block) as u64;
    assert!(play_at >= asked, "after it was asked for: {play_at} < {asked}");
    assert_eq!(play_at, style_at, "the track's crossfade starts on the phrase the style changes on");
    let first = plain.iter().zip(&deck).position(|(a, b)| a != b).expect("the track is heard");
    assert_eq!(first as u64, play_at, "the music bus is untouched until the phrase");
    assert!(stop_at > (16 * rate) as u64, "the stop waits for a phrase: {stop_at}");
    assert_eq!(stop_at, back_at, "the generated music returns on the phrase the style changes back on");
}

/// An on-air clip is ducked under commentary like the music (issue 25): a 3,137 Hz tone clip at
/// −12 dBFS, played at once, measured in its own frequency bin on the music bus, is at least
/// 6 dB lower while the programme carries commentary (seconds 3–5) than before it, with no
/// allocation on the audio thread.
#[test]
fn an_on_air_clip_is_ducked_under_the_programme_like_the_music() {
    use resonance_engine::synth::clips::ClipData;
    let rate = 48_000usize;
    let block = 256;
    let layout = Layout { main_channels: 2, sidechain: true, music_out: true };
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(rate as f64, block, layout).expect("prepare");
    let w = std::f64::consts::TAU * 3_137.0 / rate as f64;
    let tone: Vec<f32> = (0..6 * rate).map(|i| (0.25 * (w * i as f64).sin()) as f32).collect();
    handle.clips.load(0, ClipData::new(tone.clone(), tone, 1).expect("a clip")).expect("the bank takes the clip");
    handle.clips.play(0, 1, Quantize::Immediate, 0.0).expect("the play is queued");
    let (mut l, mut r, mut sc, mut ml, mut mr) = (vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block]);
    // the tone's complex amplitude on the music bus in 1.5–2.5 s (quiet) and 4–5 s (commentary)
    let (mut quiet, mut ducked) = ((0.0f64, 0.0f64), (0.0f64, 0.0f64));
    let mut allocs = 0;
    for i in 0..(6 * rate / block) {
        let s = i * block;
        let talking = s >= 3 * rate;
        for (j, (a, b)) in l.iter_mut().zip(r.iter_mut()).enumerate() {
            let x = if talking { 0.3 * ((s + j) as f32 * 0.031).sin() } else { 0.0 };
            *a = x;
            *b = x;
        }
        sc.fill(0.0);
        let (_, n) = count_allocations(|| {
            let mut main = [&mut l[..], &mut r[..]];
            let side = [&sc[..]];
            let mut music_out = [&mut ml[..], &mut mr[..]];
            proc.process(&mut main, Some(&side), Some(&mut music_out))
        });
        allocs += n;
        handle.telemetry.drain().for_each(drop);
        while handle.clips.next_event().is_some() {}
        let bin = if (rate * 3 / 2..rate * 5 / 2).contains(&s) {
            &mut quiet
        } else if (rate * 4..rate * 5).contains(&s) {
            &mut ducked
        } else {
            continue;
        };
        for (j, &x) in ml.iter().enumerate() {
            let ph = w * (s + j) as f64;
            bin.0 += f64::from(x) * ph.cos();
            bin.1 += f64::from(x) * ph.sin();
        }
    }
    handle.clips.collect_garbage();
    assert_eq!(allocs, 0, "the audio thread allocated with a clip playing");
    // amplitude of the tone over one second: 2|Σ x e^{-iωn}| / N
    let amp = |(c, s): (f64, f64)| 2.0 * c.hypot(s) / rate as f64;
    let (q, d) = (amp(quiet), amp(ducked));
    assert!(q > 0.02, "the clip sounds on the music bus: amplitude {q:.4}");
    let drop_db = 20.0 * (q / d.max(1e-9)).log10();
    assert!(drop_db >= 6.0, "the clip is ducked under commentary by {drop_db:.1} dB (amplitude {q:.4} -> {d:.4})");
}

/// The copyright guard's programme gain on real audio: after `Command::Guard` (−20 dB, 150 ms
/// fade) the programme comes out at 0.1 of an unguarded run from exactly 150 ms on and fades
/// monotonically before; the music bus and the landmarks (the hasher hears the programme
/// before the guard) are bit-identical to the unguarded run; the lease lapses at its time and
/// the programme fades back; none of it allocates.
#[test]
fn the_guard_gain_lowers_only_the_programme_with_its_fade_and_lease() {
    let rate = 48_000u32;
    // A short track (resampling a long one dominates the test's time in a debug build).
    let (music, crowd) = (load_stereo("music/sad.ogg", rate), load_mono("crowd/crowd01.wav", rate));
    let quiet = |x: &Vec<f32>| x.iter().map(|v| v * 0.25).collect::<Vec<f32>>();
    let main = [quiet(&music[0]), quiet(&music[1])];
    let block = 256;
    let layout = Layout { main_channels: 2, sidechain: true, music_out: true };
    let run = |guard: bool| {
        let mut config = EngineConfig::default();
        config.params.set(ParamId::Recognition, 1.0);
        config.params.set(ParamId::Ducking, 0.0);
        // The music stays in the mix, low enough that the limiter never acts on the sum.
        config.params.set(ParamId::MusicLevel, -20.0);
        let (mut proc, mut handle) = Engine::new(config).prepare(f64::from(rate), block, layout).unwrap();
        if guard {
            handle.commands.send(Command::Guard { gain_db: -20.0, fade_ms: 150, lease_ms: 2_000 }).unwrap();
        }
        let (mut out, mut mus, mut landmarks, mut allocs) = (Vec::new(), Vec::new(), Vec::new(), 0);
        let (mut l, mut r, mut sc, mut ml, mut mr) =
            (vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block], vec![0.0; block]);
        // From 10 s into the track (its opening is quiet).
        let from = 10 * rate as usize;
        for k in 0..(3 * rate as usize / block) {
            looped(&main[0], from + k * block, &mut l);
            looped(&main[1], from + k * block, &mut r);
            looped(&crowd, k * block, &mut sc);
            let (status, n) = count_allocations(|| {
                proc.process(&mut [&mut l[..], &mut r[..]], Some(&[&sc[..], &sc[..]]), Some(&mut [&mut ml[..], &mut mr[..]]))
            });
            assert!(!matches!(status, ProcessStatus::Error(_)));
            allocs += n;
            out.extend_from_slice(&l);
            mus.extend_from_slice(&ml);
            while let Some(lm) = handle.landmarks.pop() {
                landmarks.push(lm);
            }
        }
        (out, mus, landmarks, allocs, handle.meters.read())
    };
    let (plain, plain_music, plain_lm, a0, _) = run(false);
    let (guarded, guarded_music, guarded_lm, a1, m) = run(true);
    assert_eq!((a0, a1), (0, 0), "no allocation in process() with the guard at work");
    assert_eq!(plain_music, guarded_music, "the music bus is untouched by the guard");
    assert!(
        !plain_lm.is_empty() && plain_lm == guarded_lm,
        "the hasher hears the programme before the guard: {} / {} landmarks",
        plain_lm.len(),
        guarded_lm.len()
    );
    assert_eq!(m.guard_lapses, 1, "the 2 s lease lapsed once in 3 s");
    // A sample's programme gain: (output − music) guarded over unguarded (the music is
    // identical in both runs, and at dry/wet 0.5 both sit at unity in the output).
    let fade = 7_200; // 150 ms at 48 kHz
    let lapse = 2 * rate as usize;
    let mut ratios = Vec::new();
    for i in (0..lapse).filter(|&i| plain[i].abs() > 0.02) {
        let mu = plain_music[i];
        ratios.push((i, (guarded[i] - mu) / (plain[i] - mu)));
    }
    let ducked: Vec<f32> = ratios.iter().filter(|(i, _)| (fade..lapse).contains(i)).map(|(_, g)| *g).collect();
    assert!(ducked.len() > 1000 && ducked.iter().all(|g| (g - 0.1).abs() < 2e-3), "−20 dB from 150 ms on");
    let fading: Vec<f32> = ratios.iter().filter(|(i, _)| (fade / 2 - 200..fade / 2 + 200).contains(i)).map(|(_, g)| *g).collect();
    assert!(!fading.is_empty() && fading.iter().all(|g| (0.5..0.6).contains(g)), "half way down at 75 ms: {fading:?}");
    let back: Vec<f32> = (lapse + 2 * fade..plain.len())
        .filter(|&i| plain[i].abs() > 0.02)
        .map(|i| (guarded[i] - plain_music[i]) / (plain[i] - plain_music[i]))
        .collect();
    assert!(!back.is_empty() && back.iter().all(|g| (g - 1.0).abs() < 2e-3), "back at unity after the lapse and its fade");
}
